/// How the simulated nodetool logs in to a node whose JMX wants a login.
///
/// SOURCE: apache/cassandra tools/NodeTool.java: global options `-u/--username`,
/// `-pw/--password`, `-pwf/--password-file`; with a user and a password file, the password is the
/// word after the user's in the file (readUserPasswordFromFile: a Scanner splitting at
/// whitespace), and without a password nodetool prompts (no console: none). A refused connection
/// prints "nodetool: Failed to connect to '127.0.0.1:7199' - SecurityException: 'Authentication
/// failed! Credentials required'." (seen quoted from real runs, NodeTool's printHelp of
/// connection errors); the wording for a wrong password is the JMX authenticator's
/// "Authentication failed! Invalid username or password", from memory, not re-read.
enum JMXLogin {
    /// The command with the global options taken off, and the user and password they give.
    static func options(_ arguments: [String], files: [String: (text: String, mode: String)]) -> ([String], World.Login?) {
        var rest = arguments
        var user: String?
        var password: String?
        var file: String?
        while let first = rest.first, first.hasPrefix("-"), rest.count >= 2 {
            switch first {
            case "-u", "--username": user = rest[1]
            case "-pw", "--password": password = rest[1]
            case "-pwf", "--password-file": file = rest[1]
            case "-h", "--host", "-p", "--port": break
            default: return (rest, user.map { World.Login(username: $0, password: password ?? "") })
            }
            rest.removeFirst(2)
        }
        if let user, let file, let text = files[file]?.text {
            let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
            if let index = words.firstIndex(of: user), index + 1 < words.count { password = words[index + 1] }
        }
        return (rest, user.map { World.Login(username: $0, password: password ?? "") })
    }

    /// Whether the node's JMX takes `login`; on refusal `output` holds nodetool's message.
    static func accepts(_ login: World.Login?, ring: World.Ring, node: World.Member?, _ output: inout Kubectl.Output) -> Bool {
        guard let wanted = ring.jmxLogin, node?.jmxLogin == true else { return true }
        guard let login, !login.password.isEmpty else {
            output.stderr = "nodetool: Failed to connect to '127.0.0.1:7199' - SecurityException: 'Authentication failed! Credentials required'.\n"
            output.status = 1
            return false
        }
        guard login == wanted else {
            output.stderr = "nodetool: Failed to connect to '127.0.0.1:7199' - SecurityException: 'Authentication failed! Invalid username or password'.\n"
            output.status = 1
            return false
        }
        return true
    }
}
