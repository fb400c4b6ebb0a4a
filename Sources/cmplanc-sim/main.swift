import CMPlanSim
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

// cmplanc-sim: the rehearsal's simulated kubectl, ssh and aws. `cmplanc rehearse` links it
// under those names on the runbook's PATH and names the world in CMPLAN_SIM_WORLD; it loads
// the world, runs the command, saves the world and appends what changed to the timeline.
let tool = URL(fileURLWithPath: CommandLine.arguments[0]).lastPathComponent
let environment = ProcessInfo.processInfo.environment
func standardError(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }
// Started by the login shell of the local sshd (`rehearse --real-ssh`): one program of the
// machine the runbook's ssh named.
if let address = environment["CMPLAN_SIM_MACHINE"], RealSSH.machinePrograms.contains(tool), let worldPath = environment["CMPLAN_SIM_WORLD"] {
    guard
        let call = SimulatedTools.runOnMachine(
            address: address, program: tool, arguments: Array(CommandLine.arguments.dropFirst()), world: WorldFile(path: worldPath),
            events: environment["CMPLAN_SIM_EVENTS"], stdin: { String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self) })
    else {
        standardError("\(tool) (the cmplanc simulator on \(address)): cannot read the world at \(worldPath)\n")
        exit(1)
    }
    FileHandle.standardOutput.write(Data(call.stdout.utf8))
    standardError(call.stderr)
    exit(call.status)
}
guard SimulatedTools.names.contains(tool) else {
    standardError("cmplanc-sim: run it as one of \(SimulatedTools.names.joined(separator: ", ")) (cmplanc rehearse links it so)\n")
    exit(2)
}
guard let worldPath = environment["CMPLAN_SIM_WORLD"] else {
    standardError("\(tool) (the cmplanc simulator): CMPLAN_SIM_WORLD is not set; this is not a real \(tool)\n")
    exit(1)
}
guard
    let call = SimulatedTools.run(
        tool: tool, arguments: Array(CommandLine.arguments.dropFirst()), world: WorldFile(path: worldPath),
        events: environment["CMPLAN_SIM_EVENTS"], calls: environment["CMPLAN_SIM_CALLS"],
        stdin: { String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self) })
else {
    standardError("\(tool) (the cmplanc simulator): cannot read the world at \(worldPath)\n")
    exit(1)
}
if let forward = call.forward, let program = forward.first {
    // The real client, with this process's standard input, output and error (`--real-ssh`).
    let words = forward.map { strdup($0) } + [nil]
    execv(program, words)
    standardError("\(tool): cannot run \(program): \(String(cString: strerror(errno)))\n")
    exit(255)
}
FileHandle.standardOutput.write(Data(call.stdout.utf8))
standardError(call.stderr)
if call.kill { kill(0, SIGKILL) }
exit(call.status)
