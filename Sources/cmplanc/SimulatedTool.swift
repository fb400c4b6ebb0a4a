import CMPlan
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// When cmplanc is invoked as `kubectl` (a link a rehearsal puts on PATH), it is the
/// simulator: it loads the rehearsal's world, runs the command, saves the world, and
/// appends what changed to the rehearsal's timeline.
enum SimulatedTool {
    /// The exit status when invoked under a simulated tool's name; nil otherwise.
    static func runIfInvokedAsTool() -> Int32? {
        let name = URL(fileURLWithPath: CommandLine.arguments[0]).lastPathComponent
        guard ["kubectl", "ssh", "aws"].contains(name) else { return nil }
        let environment = ProcessInfo.processInfo.environment
        guard let worldPath = environment["CMPLAN_SIM_WORLD"] else {
            Terminal.error("\(name) (the cmplanc simulator): CMPLAN_SIM_WORLD is not set; this is not a real \(name)\n")
            return 1
        }
        let lock = open(worldPath + ".lock", O_CREAT | O_RDWR, 0o644)
        defer { close(lock) }
        flock(lock, LOCK_EX)
        guard let data = FileManager.default.contents(atPath: worldPath), var world = try? JSONDecoder().decode(World.self, from: data) else {
            Terminal.error("kubectl (simulator): cannot read the world at \(worldPath)\n")
            return 1
        }
        let arguments = Array(CommandLine.arguments.dropFirst())
        let line = name + " " + arguments.joined(separator: " ")
        var output = Kubectl.Output()
        let killHere = world.killOn.map { line.range(of: $0, options: .regularExpression) != nil } ?? false
        if killHere { world.killOn = nil }
        world.callerDiesNow = world.killAfter == 1 || killHere
        if let pattern = world.failOnce, line.range(of: pattern, options: .regularExpression) != nil {
            world.failOnce = nil
            output.status = 1
            output.stderr = "error: simulated failure of: \(line)\n"
            output.events.append("FAULT: \(line) fails once, as --fail-once asked")
        } else {
            switch name {
            case "ssh":
                // The real client forwards its standard input to the remote command unless -n
                // is given (ssh(1): "-n Redirects stdin from /dev/null"), so inside a `while read`
                // loop it swallows the rest of the list: read it as the real one does.
                if !arguments.prefix(while: { $0 != "--" }).contains("-n") {
                    _ = FileHandle.standardInput.readDataToEndOfFile()
                }
                output = SSHClient.run(arguments, world: &world)
            case "aws": output = AWSCLI.run(arguments, world: &world)
            default:
                output = Kubectl.run(arguments, stdin: { String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self) }, world: &world)
            }
        }
        world.callerDiesNow = false
        var kill = killHere
        if let remaining = world.killAfter {
            world.killAfter = remaining <= 1 ? nil : remaining - 1
            kill = remaining <= 1
        }
        save(world, to: worldPath)
        if let events = environment["CMPLAN_SIM_EVENTS"], !output.events.isEmpty {
            append(output.events.map { "    ~ \($0)\n" }.joined() + (kill ? "    ~ INTERRUPT: the run is killed here\n" : ""), to: events)
        } else if kill, let events = environment["CMPLAN_SIM_EVENTS"] {
            append("    ~ INTERRUPT: the run is killed here\n", to: events)
        }
        Terminal.out(output.stdout)
        Terminal.error(output.stderr)
        if kill {
            Glibc.kill(0, SIGKILL)
        }
        return output.status
    }

    /// Saves atomically (a reader never sees half a file).
    static func save(_ world: World, to path: String) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        if let data = try? encoder.encode(world) {
            try? data.write(to: URL(fileURLWithPath: path), options: .atomic)
        }
    }

    /// Changes the world under the same lock the simulated tools take.
    static func update(_ path: String, _ change: (inout World) -> Void) {
        let lock = open(path + ".lock", O_CREAT | O_RDWR, 0o644)
        defer { close(lock) }
        flock(lock, LOCK_EX)
        guard let data = FileManager.default.contents(atPath: path), var world = try? JSONDecoder().decode(World.self, from: data) else { return }
        change(&world)
        save(world, to: path)
    }

    static func append(_ text: String, to path: String) {
        if let handle = FileHandle(forWritingAtPath: path) {
            handle.seekToEndOfFile()
            handle.write(Data(text.utf8))
            handle.closeFile()
        } else {
            _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        }
    }
}
