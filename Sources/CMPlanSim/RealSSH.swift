import Foundation

/// The real OpenSSH client and a local sshd, for `cmplanc rehearse --real-ssh SHELL` (issue 18,
/// item 2). The runbook's ssh calls run the real client with every option and the remote command
/// as the runbook wrote them; the sshd's login shell (bash or dash) parses that command, and
/// the programs it starts (nodetool, systemctl, find, sstableloader...) are the simulator's
/// stand-ins for the machine the runbook named. So ssh's own rules are real: it forwards its
/// standard input unless `-n`, and the remote shell reads the quoting.
public struct RealSSH: Codable, Sendable, Equatable {
    /// The ssh client executable.
    public var client: String
    /// The client configuration the rehearsal wrote: every machine's address reaches the local
    /// sshd, which learns the address from `SetEnv CMPLAN_SIM_MACHINE`.
    public var config: String
    /// The local account sshd logs in (the plan's user has no account on this machine).
    public var user: String

    public init(client: String, config: String, user: String) {
        self.client = client
        self.config = config
        self.user = user
    }

    /// The real client's command line for a runbook's `ssh ARGUMENTS`: the rehearsal's
    /// configuration first, the destination's user replaced by the local account; nothing else
    /// changes.
    public func commandLine(_ arguments: [String]) -> [String] {
        var words = arguments
        let end = words.firstIndex(of: "--") ?? words.endIndex
        if let destination = words[..<end].lastIndex(where: { $0.contains("@") && !$0.hasPrefix("-") }),
            let at = words[destination].lastIndex(of: "@")
        {
            words[destination] = user + words[destination][at...]
        }
        return [client, "-F", config] + words
    }

    /// The programs a simulated machine answers as when its login shell starts them. `sh` is
    /// among them: a login's `sh -c SCRIPT` runs as in a simulated call (RealShell: the real
    /// /bin/sh in a folder of its own, the stand-ins recording the files they are given), after
    /// the real login shell has parsed the quoting of SCRIPT.
    public static let machinePrograms = [
        "cp", "cqlsh", "find", "findmnt", "mkdir", "mountpoint", "nodetool", "pgrep", "rm", "sh", "sstableloader", "sudo", "systemctl",
    ]
}
