import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A server a test starts on a free loopback port (moto for `--real-aws`, sshd for `--real-ssh`):
/// started under a watchdog shell that ends it when the test process dies, stopped by pid with
/// `stop()`, which then waits until nothing listens on the port (issue 18, item 4).
final class LocalServer {
    let port: Int
    let process: Process
    let name: String

    /// Starts `command` (with `{port}` replaced by the port) and waits up to `seconds` for it to listen.
    init(name: String, command: [String], seconds: Double = 30) throws {
        self.name = name
        guard let port = Self.freePort() else {
            Issue.record("no free port on 127.0.0.1 for \(name)")
            throw CancellationError()
        }
        self.port = port
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // The server runs in the background of a shell that waits while this test process lives;
        // killed or at the end, the shell ends the server by its pid.
        let script = """
            "$@" >/dev/null 2>&1 &
            server=$!
            trap 'kill -KILL "$server" 2>/dev/null; wait "$server"; exit 0' TERM INT
            while kill -0 "$watched" 2>/dev/null && kill -0 "$server" 2>/dev/null; do sleep 1; done
            kill -KILL "$server" 2>/dev/null
            wait "$server"
            """
        process.arguments = ["-c", "watched=$1; shift; " + script, "local-server", "\(getpid())"] + command.map { $0.replacingOccurrences(of: "{port}", with: "\(port)") }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(seconds)
        while !Self.listening(port: port) {
            guard Date() < deadline, process.isRunning else {
                stop()
                Issue.record("\(name) did not listen on 127.0.0.1:\(port) within \(Int(seconds)) s")
                throw CancellationError()
            }
            usleep(100_000)
        }
    }

    /// Ends the server by its shell's pid and waits until the port is free again.
    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        process.waitUntilExit()
        let deadline = Date().addingTimeInterval(10)
        while Self.listening(port: port), Date() < deadline { usleep(100_000) }
    }

    /// Whether something accepts connections on 127.0.0.1:`port`.
    static func listening(port: Int) -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var address = loopback(port: port)
        let status = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        return status == 0
    }

    /// A port the kernel just handed out on 127.0.0.1 and nobody holds.
    static func freePort() -> Int? {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var address = loopback(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { return nil }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        return named == 0 ? Int(UInt16(bigEndian: address.sin_port)) : nil
    }

    static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    /// The first executable called `name` on PATH; records an issue (the test fails) when none is.
    static func executable(_ name: String, hint: String) throws -> String {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let path = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        Issue.record("\(name) is not on PATH: \(hint)")
        throw CancellationError()
    }
}
