import Foundation
/// How the simulated cqlsh logs in to a ring with PasswordAuthenticator, by its version's
/// options and files.
///
/// SOURCE: apache/cassandra bin/cqlsh.py (3.x, optparse: `--cqlshrc FILE`, `-u`, `-p`;
/// read_options takes `[authentication] username` and `password` from the cqlshrc; an unknown
/// option ends with optparse's "cqlsh: error: no such option: ..." and exit 2);
/// pylib/cqlshlib/cqlshmain.py and authproviderhandling.py (4.1+: `--credentials FILE`, its
/// `[PlainTextAuthProvider]` section read without interpolation, and ignored with a warning unless
/// util.is_file_secure: the file is the user's and unreadable by group and others; a password in
/// the cqlshrc still works there, with a deprecation notice). The refusals are the python
/// driver's (cassandra/connection.py: "Remote end requires authentication" when the server asks
/// and no credentials were given; "Failed to authenticate to ..." with the server's "Provided
/// username ... and/or password are incorrect", PasswordAuthenticator), which cqlsh prints as
/// "Connection error: ..." and exits 1. The exact wording of the bad-credentials line is from
/// memory of those files, not re-read. Precedence (authproviderhandling.load_auth_provider, read):
/// `[auth_provider]` settings, then the credentials file's section of that provider class, then
/// the "legacy" username and password (command line, else the cqlshrc's `[authentication]`); the
/// cqlshrc is `--cqlshrc`'s file or the user's own ~/.cassandra/cqlshrc.
enum CqlshLogin {
    /// Whether cqlsh connects with `arguments` and the captured `files`; on refusal `output`
    /// holds cqlsh's message and status.
    static func accepts(
        _ arguments: [String], files: [String: (text: String, mode: String)], ring: World.Ring, node: World.Member?, world: World,
        _ output: inout Kubectl.Output
    ) -> Bool {
        let modern = (world.cassandraMajor, world.cassandraMinor) >= (4, 1)
        var username: String?
        var password: String?
        var credentialsFile: String?
        var cqlshrc: String?
        var index = 0
        while index < arguments.count {
            let word = arguments[index]
            let value = index + 1 < arguments.count ? arguments[index + 1] : nil
            switch word {
            case "-u", "--username": username = value; index += 1
            case "-p", "--password": password = value; index += 1
            case "--cqlshrc": cqlshrc = value; index += 1
            case "--credentials" where modern: credentialsFile = value; index += 1
            case "--credentials":
                output.stderr = "Usage: cqlsh [options] [host [port]]\n\ncqlsh: error: no such option: --credentials\n"
                output.status = 2
                return false
            case "-e", "--request-timeout", "--connect-timeout": index += 1
            default: break
            }
            index += 1
        }
        // Without --cqlshrc, cqlsh reads its user's own ~/.cassandra/cqlshrc (CONFIG_FILE).
        let rc = files[cqlshrc ?? RealShell.defaultCqlshrc].map { ini($0.text) } ?? [:]
        let section = rc["authentication"] ?? [:]
        username = username ?? section["username"]
        password = password ?? section["password"]
        if modern, section["username"] != nil || section["password"] != nil {
            output.stderr += "\nNotice: Credentials in the cqlshrc file is deprecated and will be ignored in the future.\nPlease use a credentials file to specify the username and password.\n"
        }
        // 4.1+: [auth_provider] names the provider class (default cassandra.auth's
        // PlainTextAuthProvider) and gives it settings, which the credentials file's section of
        // that class name overrides, and the command line's or [authentication]'s override both.
        var provider = modern ? rc["auth_provider"] ?? [:] : [:]
        let providerClass = provider.removeValue(forKey: "classname") ?? "PlainTextAuthProvider"
        let providerModule = provider.removeValue(forKey: "module") ?? "cassandra.auth"
        if providerModule != "cassandra.auth" || providerClass != "PlainTextAuthProvider" {
            output.stderr += "Connection error: the node's cqlshrc selects auth provider \(providerModule).\(providerClass), which the simulator does not model\n"
            output.status = 1
            return false
        }
        if let path = credentialsFile, let file = files[path] {
            if file.mode.count >= 10, Array(file.mode)[4] == "-", Array(file.mode)[7] == "-" {
                let section = ini(file.text)[providerClass] ?? [:]
                username = username ?? section["username"]
                password = password ?? section["password"]
            } else {
                output.stderr += "\nWarning: Credentials file '\(path)' exists but is not used, because:\n  a. the file owner is not the current user; or\n  b. the file is readable by group or other.\n"
            }
        }
        username = username ?? provider["username"]
        password = password ?? provider["password"]
        // Only a node running PasswordAuthenticator asks for the login; one running
        // AllowAllAuthenticator in the same ring lets anyone in.
        guard let login = ring.login, node?.authenticator == "PasswordAuthenticator" else { return true }
        guard let username, let password else {
            output.stderr += "Connection error: ('Unable to connect to any servers', {'127.0.0.1:9042': AuthenticationFailed('Remote end requires authentication')})\n"
            output.status = 1
            return false
        }
        guard username == login.username, password == login.password else {
            output.stderr += "Connection error: ('Unable to connect to any servers', {'127.0.0.1:9042': AuthenticationFailed('Failed to authenticate to 127.0.0.1:9042: Error from server: code=0100 [Bad credentials] message=\"Provided username \(username) and/or password are incorrect\"')})\n"
            output.status = 1
            return false
        }
        return true
    }

    /// Sections of an INI text as Python's configparser reads the simple case: `[name]` headers,
    /// `key = value` or `key: value`, blanks around keys and values dropped.
    static func ini(_ text: String) -> [String: [String: String]] {
        var sections: [String: [String: String]] = [:]
        var current: String?
        for raw in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") && line.hasSuffix("]") {
                current = String(line.dropFirst().dropLast())
                continue
            }
            guard let current, let separator = line.firstIndex(where: { $0 == "=" || $0 == ":" }) else { continue }
            let key = line[..<separator].trimmingCharacters(in: .whitespaces)
            sections[current, default: [:]][key] = line[line.index(after: separator)...].trimmingCharacters(in: .whitespaces)
        }
        return sections
    }
}
