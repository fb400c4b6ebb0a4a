import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A server on a free loopback port (the sshd of `rehearse --real-ssh`, the tests' moto): run in
/// the background of a watchdog shell that ends it when the process that started it dies, and
/// stopped by pid with `stop()`, which waits until nothing listens on the port (issue 18, item 4).
public final class LocalServer {
    /// The port it listens on.
    public let port: Int
    /// What it is, for messages.
    public let name: String
    let watchdog: Process

    /// Why a server did not start.
    public struct Failure: Error, CustomStringConvertible {
        /// The sentence.
        public var description: String
    }

    /// Starts `command` (every `{port}` in it replaced by a free port) and waits up to `seconds`
    /// for it to listen on 127.0.0.1. Its output goes to `log` (or nowhere).
    public init(name: String, command: [String], log: String? = nil, seconds: Double = 30) throws(Failure) {
        self.name = name
        guard let port = Self.freePort() else { throw Failure(description: "no free port on 127.0.0.1 for \(name)") }
        self.port = port
        watchdog = Process()
        watchdog.executableURL = URL(fileURLWithPath: "/bin/sh")
        // The shell waits while its starter lives; at the end, or told to stop, it kills the
        // server by pid (SIGKILL: moto's server does not end on SIGTERM).
        let script = """
            watched=$1 log=$2
            shift 2
            "$@" >>"$log" 2>&1 &
            server=$!
            trap 'kill -KILL "$server" 2>/dev/null; wait "$server"; exit 0' TERM INT
            while kill -0 "$watched" 2>/dev/null && kill -0 "$server" 2>/dev/null; do sleep 1; done
            kill -KILL "$server" 2>/dev/null
            wait "$server"
            """
        watchdog.arguments = ["-c", script, "local-server", "\(getpid())", log ?? "/dev/null"]
            + command.map { $0.replacingOccurrences(of: "{port}", with: "\(port)") }
        watchdog.standardInput = FileHandle.nullDevice
        watchdog.standardOutput = FileHandle.nullDevice
        watchdog.standardError = FileHandle.nullDevice
        do { try watchdog.run() } catch { throw Failure(description: "cannot start \(name): \(error.localizedDescription)") }
        let deadline = Date().addingTimeInterval(seconds)
        while !Self.listening(port: port) {
            guard Date() < deadline, watchdog.isRunning else {
                stop()
                throw Failure(description: "\(name) did not listen on 127.0.0.1:\(port) within \(Int(seconds)) s")
            }
            usleep(50_000)
        }
    }

    /// Ends the server by its watchdog's pid and waits until the port is free again.
    public func stop() {
        if watchdog.isRunning { kill(watchdog.processIdentifier, SIGTERM) }
        watchdog.waitUntilExit()
        let deadline = Date().addingTimeInterval(10)
        while Self.listening(port: port), Date() < deadline { usleep(50_000) }
    }

    /// Whether something accepts connections on 127.0.0.1:`port`.
    public static func listening(port: Int) -> Bool {
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
    public static func freePort() -> Int? {
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

    /// The first executable called `name` in PATH's folders, else in `fallbacks`.
    public static func executable(_ name: String, fallbacks: [String] = []) -> String? {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        return (folders.map { "\($0)/\(name)" } + fallbacks).first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
