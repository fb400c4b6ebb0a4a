import CMPlanSim
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `rehearse --real-ssh SHELL`: an sshd of the rehearsal's own on a free loopback port, with its
/// own host key, one client key, and a login shell of bash or dash that parses each remote
/// command the runbook sends; the programs that shell starts are the simulator's stand-ins for
/// the machine the runbook named. Stopped by pid when the rehearsal ends.
struct RehearsalSSHD {
    /// The remote login shell.
    enum LoginShell: String, CaseIterable {
        case bash, dash

        /// Its executable.
        var path: String { "/bin/\(rawValue)" }
    }

    /// What the simulated ssh forwards to.
    var ssh: RealSSH
    /// The running sshd.
    var server: LocalServer
    /// The login shell it runs commands with.
    var shell: LoginShell

    /// Writes keys and configurations into `work/ssh`, the stand-ins into `work/remote-bin`,
    /// and starts sshd; every address in `machines` reaches it.
    static func start(work: URL, shell: LoginShell, machines: [String], simulator: String) -> Result<RehearsalSSHD, UsageError> {
        let install = "install OpenSSH's server (Debian or Ubuntu: sudo apt-get install openssh-server; no service needs to run)"
        guard let sshd = LocalServer.executable("sshd", fallbacks: ["/usr/sbin/sshd"]),
            let client = LocalServer.executable("ssh", fallbacks: ["/usr/bin/ssh"]),
            let keygen = LocalServer.executable("ssh-keygen", fallbacks: ["/usr/bin/ssh-keygen"])
        else { return .failure(UsageError(message: "--real-ssh needs sshd, ssh and ssh-keygen: \(install)")) }
        guard FileManager.default.isExecutableFile(atPath: shell.path) else {
            return .failure(UsageError(message: "--real-ssh \(shell.rawValue): \(shell.path) is not on this machine"))
        }
        guard let account = getpwuid(getuid()).map({ String(cString: $0.pointee.pw_name) }) else {
            return .failure(UsageError(message: "--real-ssh: this process's user has no name"))
        }
        let folder = work.appendingPathComponent("ssh")
        let remoteBin = work.appendingPathComponent("remote-bin")
        let path = { (name: String) in folder.appendingPathComponent(name).path }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: remoteBin, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: folder.appendingPathComponent("home"), withIntermediateDirectories: true)
            for program in RealSSH.machinePrograms {
                try FileManager.default.createSymbolicLink(atPath: remoteBin.appendingPathComponent(program).path, withDestinationPath: simulator)
            }
            for key in ["host_ed25519", "id_ed25519"] {
                guard Self.run(keygen, ["-q", "-t", "ed25519", "-N", "", "-C", "cmplanc-rehearsal", "-f", path(key)]) else {
                    return .failure(UsageError(message: "--real-ssh: ssh-keygen could not make \(path(key))"))
                }
            }
            let clientKey = try String(contentsOfFile: path("id_ed25519.pub"), encoding: .utf8)
            let hostKey = try String(contentsOfFile: path("host_ed25519.pub"), encoding: .utf8).split(separator: " ").prefix(2).joined(separator: " ")
            try clientKey.write(toFile: path("authorized_keys"), atomically: true, encoding: .utf8)
            try "\(Self.hostAlias) \(hostKey)\n".write(toFile: path("known_hosts"), atomically: true, encoding: .utf8)
            try Self.serverConfiguration(folder: folder, remoteBin: remoteBin, work: work, shell: shell, account: account)
                .write(toFile: path("sshd_config"), atomically: true, encoding: .utf8)
            // As root, sshd wants its privilege separation folder (Debian's service makes it).
            if getuid() == 0, !FileManager.default.fileExists(atPath: "/run/sshd") {
                try FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
            }
        } catch {
            return .failure(UsageError(message: "--real-ssh: cannot prepare \(folder.path): \(error.localizedDescription)"))
        }
        let server: LocalServer
        do {
            server = try LocalServer(
                name: "sshd", command: [sshd, "-D", "-e", "-f", path("sshd_config"), "-o", "ListenAddress=127.0.0.1:{port}"],
                log: path("sshd.log"), seconds: 15)
        } catch {
            let log = (try? String(contentsOfFile: path("sshd.log"), encoding: .utf8)) ?? ""
            return .failure(UsageError(message: "--real-ssh: \(error)\(log.isEmpty ? "" : ": \(log)")"))
        }
        let configuration = Self.clientConfiguration(folder: folder, port: server.port, machines: machines)
        do { try configuration.write(toFile: path("config"), atomically: true, encoding: .utf8) } catch {
            server.stop()
            return .failure(UsageError(message: "--real-ssh: cannot write \(path("config"))"))
        }
        return .success(RehearsalSSHD(ssh: RealSSH(client: client, config: path("config"), user: account), server: server, shell: shell))
    }

    /// What the rehearsal's header says about ssh.
    var summary: String {
        "ssh is the real client (\(ssh.client)) against a local sshd on 127.0.0.1:\(server.port) whose login shell is \(shell.path);\n"
            + "it logs in as \(ssh.user) whatever user the plan names, and starts the simulator's stand-ins for the machine named.\n"
    }

    /// The name the client knows the local sshd's host key by, whatever address it was given.
    static let hostAlias = "cmplanc-rehearsal-sshd"

    /// sshd's configuration: keys of the rehearsal's own, this account only, the machine's
    /// address accepted from the client, and every command run by the chosen login shell with
    /// the stand-ins first on PATH. (ForceCommand runs under the account's own shell, which
    /// only expands the original command into one argument of the chosen shell's `-c`; HOME is
    /// an empty folder, so a bash started by sshd finds no ~/.bashrc of this machine's account.)
    static func serverConfiguration(folder: URL, remoteBin: URL, work: URL, shell: LoginShell, account: String) -> String {
        let path = { (name: String) in folder.appendingPathComponent(name).path }
        return """
            HostKey \(path("host_ed25519"))
            PidFile none
            AuthorizedKeysFile \(path("authorized_keys"))
            StrictModes no
            UsePAM no
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            PermitRootLogin prohibit-password
            AllowUsers \(account)
            AcceptEnv CMPLAN_SIM_MACHINE
            SetEnv "HOME=\(path("home"))" "CMPLAN_SIM_WORLD=\(work.appendingPathComponent("world.json").path)" "CMPLAN_SIM_EVENTS=\(work.appendingPathComponent("events.log").path)"
            ForceCommand exec /usr/bin/env PATH=\(remoteBin.path):/usr/bin:/bin \(shell.path) -c "$SSH_ORIGINAL_COMMAND"
            LogLevel ERROR

            """
    }

    /// The client's configuration: each machine's address names itself to sshd; every address
    /// reaches 127.0.0.1:`port` with the rehearsal's key, checked against its host key.
    static func clientConfiguration(folder: URL, port: Int, machines: [String]) -> String {
        let path = { (name: String) in folder.appendingPathComponent(name).path }
        let hosts = machines.sorted().map { "Host \($0)\n  SetEnv CMPLAN_SIM_MACHINE=\($0)\n" }.joined()
        return hosts + """
            Host *
              HostName 127.0.0.1
              Port \(port)
              HostKeyAlias \(hostAlias)
              UserKnownHostsFile \(path("known_hosts"))
              GlobalKnownHostsFile /dev/null
              IdentityFile \(path("id_ed25519"))
              IdentitiesOnly yes
              LogLevel ERROR

            """
    }

    /// Runs a program to its end; whether it exited 0.
    static func run(_ program: String, _ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
