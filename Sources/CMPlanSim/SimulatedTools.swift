import CMPlanModel
import Foundation

/// The simulated tools a rehearsal puts on PATH: `cmplanc-sim` answers as whichever of them
/// it is invoked as.
public enum SimulatedTools {
    /// The names the rehearsal links to `cmplanc-sim`.
    public static let names = ["kubectl", "ssh", "aws"]

    /// What one call of a tool printed, what changed and how it ended.
    public struct Call: Sendable {
        /// Standard output.
        public var stdout: String
        /// Standard error.
        public var stderr: String
        /// The exit status.
        public var status: Int32
        /// Whether the rehearsal's process group must be killed now (an interruption).
        public var kill: Bool
        /// The real program's command line to run in place of the simulated one, once the
        /// world's lock is released (`--real-ssh`); nil: the call is answered.
        public var forward: [String]? = nil
    }

    /// Runs `tool` with `arguments` against the world file, under its lock: faults and
    /// interruptions the rehearsal armed, then the tool itself; appends what changed to the
    /// timeline at `events` and the command line, as a JSON array, to `calls`. `stdin` is read
    /// only by the tools that read their input.
    public static func run(
        tool: String, arguments: [String], world file: WorldFile, events: String?, calls: String? = nil, stdin: () -> String
    ) -> Call? {
        file.locked { world -> Call in
            let line = tool + " " + arguments.joined(separator: " ")
            if let calls, let data = try? JSONSerialization.data(withJSONObject: [tool] + arguments, options: [.withoutEscapingSlashes]) {
                WorldFile.append(String(decoding: data, as: UTF8.self) + "\n", to: calls)
            }
            var output = Kubectl.Output()
            var forward: [String]?
            let servedBefore = world.servesEveryKeyspace()
            let killHere = world.killOn.map { line.range(of: $0, options: .regularExpression) != nil } ?? false
            if killHere { world.killOn = nil }
            let dropIndex = world.dropConnectionOn.firstIndex { line.range(of: $0, options: .regularExpression) != nil }
            if let dropIndex { world.dropConnectionOn.remove(at: dropIndex) }
            world.callerDiesNow = world.killAfter == 1 || killHere || dropIndex != nil
            if let pattern = world.failOnce, line.range(of: pattern, options: .regularExpression) != nil {
                world.failOnce = nil
                output.status = 1
                output.stderr = "error: simulated failure of: \(line)\n"
                output.events.append("FAULT: \(line) fails once, as --fail-once asked")
            } else {
                switch tool {
                case "ssh" where world.realSSH != nil && !world.callerDiesNow:
                    forward = world.realSSH?.commandLine(arguments)
                case "ssh":
                    // The real client forwards its standard input to the remote command unless -n
                    // is given (ssh(1): "-n Redirects stdin from /dev/null"), so inside a `while read`
                    // loop it swallows the rest of the list: read it as the real one does.
                    let input = arguments.prefix(while: { $0 != "--" }).contains("-n") ? "" : stdin()
                    output = SSHClient.run(arguments, input: input, world: &world)
                case "aws":
                    if let real = world.realAWS {
                        output = real.run(arguments, world: &world)
                    } else {
                        output = AWSCLI.run(arguments, world: &world)
                    }
                default: output = Kubectl.run(arguments, stdin: stdin, world: &world)
                }
            }
            world.callerDiesNow = false
            if dropIndex != nil {
                // kubectl's own message for a closed stream varies by version (and one exited 0:
                // kubernetes/kubernetes#73056); the runbook must not rely on either.
                output.stdout = ""
                output.stderr = "error: the connection closed before the command ended (simulated)\n"
                output.status = 1
                output.events.append("CONNECTION CLOSED: \(line.prefix(160)) goes on without its caller")
            }
            if let change = world.availabilityChange(servedBefore: servedBefore) { output.events.append(change) }
            var kill = killHere
            if let remaining = world.killAfter {
                world.killAfter = remaining <= 1 ? nil : remaining - 1
                kill = remaining <= 1
            }
            if let events {
                let timeline = output.events.map { "    ~ \($0)\n" }.joined() + (kill ? "    ~ INTERRUPT: the run is killed here\n" : "")
                if !timeline.isEmpty { WorldFile.append(timeline, to: events) }
            }
            return Call(stdout: output.stdout, stderr: output.stderr, status: output.status, kill: kill, forward: forward)
        }
    }

    /// One program a simulated machine's login shell started (`rehearse --real-ssh`: the real
    /// sshd's shell runs the runbook's remote command and finds these on its PATH), under the
    /// world's lock. Only cqlsh and sh read their standard input, as the real ones here do.
    public static func runOnMachine(
        address: String, program: String, arguments: [String], world file: WorldFile, events: String?, stdin: () -> String
    ) -> Call? {
        file.locked { world -> Call in
            var output = Kubectl.Output()
            var shell = MachineShell(address: address)
            let input = ["cqlsh", "sh"].contains(program) ? stdin() : ""
            let servedBefore = world.servesEveryKeyspace()
            shell.run([program] + arguments, &world, &output, input: input)
            if let change = world.availabilityChange(servedBefore: servedBefore) { output.events.append(change) }
            if let events, !output.events.isEmpty {
                WorldFile.append(output.events.map { "    ~ \($0)\n" }.joined(), to: events)
            }
            return Call(stdout: output.stdout, stderr: output.stderr, status: output.status, kill: false)
        }
    }
}
