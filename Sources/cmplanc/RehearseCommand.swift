import CMPlan
import CMPlanSim
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `cmplanc rehearse PLAN`: builds the plan, simulates its source cluster, runs the
/// generated runbook unmodified against simulated kubectl (faults and interruptions
/// included), and checks the end state against the plan's target.
struct RehearseCommand: Equatable {
    var planPath: String
    var runbookPath: String?
    var twice = false
    var interruptAfter: String?
    var failOnce: String?
    var seed: UInt64?
    var clientsStay = false
    /// After success, a run with an empty state dir: the guards alone must find every step done.
    var freshState = false
    /// The journal is deleted before a resume: the guards alone must bring the run to the end.
    var forgetJournal = false
    /// Kill the run while the first simulated command matching this runs, then resume.
    var interruptOn: String?
    /// The filesystem of every simulated machine's data volume (default ext4).
    var machineFilesystem: String?
    /// The tokens every source node really owns, whatever the plan says (default: the plan's).
    var sourceTokens: Int?
    /// How the simulated clusters fail to share storage (default: they share it).
    var sharedStorage: SharedStorage?
    /// Keep the rehearsal's folder after a PASS too (a FAIL always keeps it).
    var keep = false
    /// A local EC2 endpoint (moto) the real aws CLI talks to instead of the simulated one.
    var realAWS: String?
    /// The login shell of a local sshd the real ssh client reaches instead of the simulated one.
    var realSSH: RehearsalSSHD.LoginShell?
    /// Run to this step (number or id), then run the plan's rollback step, and judge the source whole.
    var rollBackAfter: String?
    /// With `rollBackAfter`: the rollback step to run (default: the plan's first).
    var rollBackWith: String?
    /// A file whose text every Cassandra node's `~/.cassandra/cqlshrc` holds (default: none).
    var nodeCqlshrc: String?
    /// Each pattern once: the first simulated command matching it starts, but its caller loses the
    /// connection before it ends (the kubelet closes a silent exec stream): it goes on, kubectl exits 1.
    var dropConnection: [String] = []

    func run() -> ExitStatus {
        if rollBackWith != nil, rollBackAfter == nil {
            Terminal.error("cmplanc: error: --roll-back-with names the rollback step of --roll-back-after STEP; give that too\n")
            return .usage
        }
        guard case .success(var file) = PlanFiles.read(planPath) else {
            Terminal.error("cmplanc: error: cannot read \(planPath)\n")
            return .usage
        }
        let result = Frontend.run(file)
        guard var plan = result.plan else {
            Commands.report(result.diagnostics, format: .text)
            return .planErrors
        }
        var ec2: RealEC2?
        if let realAWS {
            switch RealEC2.prepare(endpoint: realAWS, plan: plan, file: file, sourceTokens: sourceTokens) {
            case .failure(let error):
                Terminal.error("cmplanc: error: \(error.message)\n")
                return .usage
            case .success(let prepared):
                ec2 = prepared
                file = prepared.file
                plan = prepared.plan
            }
        }
        guard case .files(let name, let files, _) = Build.run(file) else {
            Terminal.error("cmplanc: error: \(planPath) has no runbook to rehearse yet (its strategy's generator is not built)\n")
            return .usage
        }
        guard var world = RehearsalWorld.initial(for: plan, sourceTokens: sourceTokens) else {
            Terminal.error("cmplanc: error: the simulator cannot build the starting world of \(planPath)\n")
            return .usage
        }
        guard let simulator = Self.simulatorExecutable() else {
            Terminal.error(
                "cmplanc: error: cmplanc-sim (the simulated kubectl, ssh and aws) is not beside cmplanc; build it with 'swift build --product cmplanc-sim'\n")
            return .usage
        }
        guard let work = Self.uniqueFolder(prefix: "cmplanc-rehearsal-\(name)-") else {
            Terminal.error("cmplanc: error: cannot create a folder for the rehearsal in \(FileManager.default.temporaryDirectory.path)\n")
            return .usage
        }
        do {
            try BuildCommand.write(files, to: work.appendingPathComponent("build"))
            if let runbookPath {
                let runbook = work.appendingPathComponent("build/runbook.sh")
                try FileManager.default.removeItem(at: runbook)
                try FileManager.default.copyItem(at: URL(fileURLWithPath: runbookPath), to: runbook)
                if let ec2, let text = try? String(contentsOf: runbook, encoding: .utf8) {
                    try ec2.renamingVolumes(in: text).write(to: runbook, atomically: true, encoding: .utf8)
                }
            }
            let bin = work.appendingPathComponent("bin")
            try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
            for tool in SimulatedTools.names {
                try FileManager.default.createSymbolicLink(atPath: bin.appendingPathComponent(tool).path, withDestinationPath: simulator)
            }
            // The runbook's home: where a plan's `~/` credentials file is, mode 0600 as cqlsh wants it.
            let home = work.appendingPathComponent("home")
            try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
            if let file = RehearsalWorld.credentialsFile(for: plan) {
                let path = home.appendingPathComponent(file.relativePath)
                try FileManager.default.createDirectory(at: path.deletingLastPathComponent(), withIntermediateDirectories: true)
                try file.text.write(to: path, atomically: true, encoding: .utf8)
                try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path.path)
            }
        } catch {
            Terminal.error("cmplanc: error: cannot prepare the rehearsal in \(work.path): \(error.localizedDescription)\n")
            return .usage
        }
        if let failOnce { world.failOnce = failOnce }
        if let nodeCqlshrc {
            guard let text = try? String(contentsOfFile: nodeCqlshrc, encoding: .utf8) else {
                Terminal.error("cmplanc: error: --node-cqlshrc: cannot read \(nodeCqlshrc)\n")
                return .usage
            }
            world.nodeCqlshrc = text
        }
        if let interruptOn { world.killOn = interruptOn }
        world.dropConnectionOn = dropConnection
        if clientsStay { world.stayingClients() }
        if let machineFilesystem { world.formatMachineVolumes(machineFilesystem) }
        if let sharedStorage { world.shareStorage(sharedStorage, plan: plan) }
        world.realAWS = ec2?.cli
        var sshd: RehearsalSSHD?
        if let realSSH {
            guard !world.machines.isEmpty else {
                Terminal.error("cmplanc: error: --real-ssh rehearses plans whose source runs on machines reached by ssh; \(planPath) has none\n")
                return .usage
            }
            switch RehearsalSSHD.start(work: work, shell: realSSH, machines: Array(world.machines.keys), simulator: simulator) {
            case .failure(let error):
                Terminal.error("cmplanc: error: \(error.message)\n")
                return .usage
            case .success(let started):
                sshd = started
                world.realSSH = started.ssh
            }
        }
        defer { sshd?.server.stop() }
        WorldFile(path: work.appendingPathComponent("world.json").path).save(world)
        let steps = files.first { $0.path == "plan.json" }.map { Self.stepIds($0.content) } ?? []
        var interruptIndex: Int?
        if let interruptAfter {
            interruptIndex = Int(interruptAfter).map { $0 - 1 } ?? steps.firstIndex(of: interruptAfter)
            guard let index = interruptIndex, steps.indices.contains(index) else {
                Terminal.error("cmplanc: error: --interrupt-after \(interruptAfter) names no step (1...\(steps.count) or an id from --list)\n")
                return .usage
            }
        }
        Terminal.out("Rehearsing plan \(name) (\(plan.settings.strategy.value.rawValue)) against simulated clusters in \(work.path)\n")
        Terminal.out("The simulator models Kubernetes objects, disks and Cassandra's ring, replication and data completeness;\n")
        Terminal.out("it proves the procedure's order, idempotency and resumability, not Cassandra's performance.\n")
        if let ec2 { Terminal.out(ec2.summary) }
        if let sshd { Terminal.out(sshd.summary) }
        Terminal.out("\n")
        var problems: [String] = []
        let runner = RunbookRunner(work: work, steps: steps)
        if let rollBackAfter {
            let json = files.first { $0.path == "plan.json" }?.content ?? ""
            switch rollBack(after: rollBackAfter, planJSON: json, steps: steps, runner: runner, work: work) {
            case .failure(let error):
                Terminal.error("cmplanc: error: \(error.message)\n")
                try? FileManager.default.removeItem(at: work)
                return .usage
            case .success(let found): problems = found
            }
            problems += Self.passwordExposures(in: work, plan: plan)
            problems += Self.endState(in: work, ec2: ec2) { RehearsalWorld.verifyRolledBack($0, plan: plan) }
            return verdict(problems, work: work, success: "the rollback left the source whole: every node up and serving clients, every keyspace complete at the replication it had, no snapshot of the run left, no invariant broken")
        }
        // A plain first run also proves, before every step it runs, that no later progress mark
        // holds yet: a run that lost its journal there would otherwise skip that step.
        let plain = interruptIndex == nil && interruptOn == nil && failOnce == nil && seed == nil
        var first = runner.run(label: "run 1", interruptAfter: interruptIndex, seed: seed, checkProgressMarks: plain)
        var timeline = first.timeline
        if interruptIndex != nil || interruptOn != nil {
            if first.killed {
                Terminal.out("\n-- the run was killed; like an operator, remove its stale lock and run the runbook again --\n\n")
            } else if interruptOn != nil {
                problems.append("--interrupt-on: no simulated command matched \(interruptOn ?? ""), so nothing was interrupted")
            } else if interruptIndex != steps.count - 1 || first.status != 0 {
                problems.append("--interrupt-after: the run ended before it could be interrupted (exit \(first.status))")
            }
            try? FileManager.default.removeItem(at: work.appendingPathComponent("state/lock"))
            forgetJournalIfAsked(work)
            runner.disarm()  // a step with no simulated command leaves the seeded kill armed
            first = runner.run(label: "run 2 (resumed)", interruptAfter: nil, seed: nil)
            timeline += first.timeline
        } else if failOnce != nil {
            if first.status == 0 {
                problems.append("--fail-once: no simulated command matched \(failOnce ?? ""), so nothing failed")
            } else if !first.output.contains("resume with") {
                problems.append("--fail-once: the failed run did not say how to resume")
            } else {
                Terminal.out("\n-- the run stopped at the simulated failure, as it must; run it again to resume --\n\n")
                forgetJournalIfAsked(work)
                first = runner.run(label: "run 2 (resumed)", interruptAfter: nil, seed: nil)
                timeline += first.timeline
            }
        }
        if first.status != 0 { problems.append("the runbook failed (exit \(first.status))") }
        if let downtime = MeasuredDowntime(planJSON: files.first { $0.path == "plan.json" }?.content ?? "") {
            let measured = downtime.measure(timeline)
            Terminal.out("\n" + measured.report)
            problems += measured.problems
        }
        problems += Self.passwordExposures(in: work, plan: plan)
        if twice, first.status == 0 {
            problems += secondRunFindsEverythingDone(runner, work: work, label: "second run (--twice)", fresh: false)
        }
        if freshState, first.status == 0 {
            problems += secondRunFindsEverythingDone(runner, work: work, label: "run with an empty state dir (--fresh-state)", fresh: true)
        }
        problems += Self.endState(in: work, ec2: ec2) { world in
            // A --drop-connection pattern no simulated command matched dropped nothing.
            world.dropConnectionOn.map { "--drop-connection: no simulated command matched \($0), so no connection was dropped" }
                + RehearsalWorld.verify(world, plan: plan)
        }
        return verdict(problems, work: work, success: RehearsalWorld.success(for: plan))
    }

    /// What is wrong with the world the runs left, by `judge`, and where it and EC2 disagree
    /// (`--real-aws`).
    static func endState(in work: URL, ec2: RealEC2?, judge: (World) -> [String]) -> [String] {
        guard let world = FileManager.default.contents(atPath: work.appendingPathComponent("world.json").path)
            .flatMap({ try? JSONDecoder().decode(World.self, from: $0) })
        else { return ["the simulated world could not be read back"] }
        return judge(world) + (ec2.map { $0.cli.disagreements(world: world, region: $0.region) } ?? [])
    }

    /// Prints the verdict: PASS with what it proves, or FAIL with every problem; a PASS's folder
    /// goes unless --keep.
    func verdict(_ problems: [String], work: URL, success: String) -> ExitStatus {
        Terminal.out("\n")
        if problems.isEmpty {
            Terminal.out("verdict: PASS: \(success)\n")
            if keep {
                Terminal.out("(the rehearsal's files are kept in \(work.path): --keep)\n")
            } else {
                try? FileManager.default.removeItem(at: work)
            }
            return .success
        }
        Terminal.out("verdict: FAIL\n" + problems.map { "  - \($0)\n" }.joined() + "(the rehearsal's files are kept in \(work.path))\n")
        return .planErrors
    }

    /// Where the rehearsal's login appears in what others can read: the command line of a
    /// simulated tool (visible in `ps` on the pod or machine), the runbook's log, its output or
    /// the timeline. Empty when the plan names no login.
    static func passwordExposures(in work: URL, plan: Plan) -> [String] {
        guard plan.source.credentials != nil else { return [] }
        let password = RehearsalWorld.login(for: plan).password
        let places = [
            ("calls.jsonl", "a command line (calls.jsonl)"), ("state/log", "the runbook's log"), ("events.log", "the timeline"),
            ("output.log", "the runbook's output"),
        ]
        // As written, and as a POSIX shell quotes it for ssh's remote command ('\'' for ').
        let forms = [password, password.replacingOccurrences(of: "'", with: "'\\''")]
        return places.compactMap { file, name in
            guard let text = try? String(contentsOf: work.appendingPathComponent(file), encoding: .utf8) else { return nil }
            // calls.jsonl holds JSON arrays: their words are compared, not their escaped text.
            let words = file.hasSuffix(".jsonl")
                ? text.split(separator: "\n").flatMap { line in (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String]) ?? [] }
                : [text]
            return words.contains { word in forms.contains { word.contains($0) } } ? "the cqlsh password appears in \(name)" : nil
        }
    }

    /// Runs the runbook again over the finished world (with an empty state dir when `fresh`):
    /// every step must be found done and the world must not change.
    func secondRunFindsEverythingDone(_ runner: RunbookRunner, work: URL, label: String, fresh: Bool, arguments: [String] = []) -> [String] {
        let world = work.appendingPathComponent("world.json").path
        if fresh {
            try? FileManager.default.removeItem(at: work.appendingPathComponent("state"))
            Terminal.out("\n-- the state dir is removed: only the live system can say what is done --\n\n")
        }
        let before = FileManager.default.contents(atPath: world)
        let second = runner.run(label: label, interruptAfter: nil, seed: nil, arguments: arguments)
        let after = FileManager.default.contents(atPath: world)
        var problems: [String] = []
        if second.status != 0 { problems.append("the \(label) failed (exit \(second.status))") }
        let repeated = second.output.split(separator: "\n").filter { $0.hasPrefix("run   ") }.map { String($0.dropFirst(6).prefix { $0 != " " }) }
        if !repeated.isEmpty {
            problems.append("the \(label) ran steps again instead of finding them done: \(repeated.joined(separator: ", "))")
        }
        if before != after { problems.append("the \(label) changed the simulated world") }
        return problems
    }

    /// With --forget-journal, deletes the journal before a resume, as a lost state dir would.
    func forgetJournalIfAsked(_ work: URL) {
        guard forgetJournal else { return }
        try? FileManager.default.removeItem(at: work.appendingPathComponent("state/journal"))
        Terminal.out("-- the journal is deleted (--forget-journal): only the live system can say what is done --\n\n")
    }

    /// A new folder of this rehearsal's own under the temporary directory (mkdtemp): rehearsals
    /// side by side never share or remove each other's files.
    static func uniqueFolder(prefix: String) -> URL? {
        var template = Array((FileManager.default.temporaryDirectory.appendingPathComponent(prefix + "XXXXXX").path).utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            return mkdtemp(base) != nil
        }
        guard made else { return nil }
        let path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return URL(fileURLWithPath: path, isDirectory: true)
    }

    /// The simulator's executable, `cmplanc-sim` in the folder of the running cmplanc (both are
    /// products of one package and built into one folder); nil when it is not there.
    static func simulatorExecutable() -> String? {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let simulator = URL(fileURLWithPath: executable).deletingLastPathComponent().appendingPathComponent("cmplanc-sim").path
        return FileManager.default.isExecutableFile(atPath: simulator) ? simulator : nil
    }

    static func stepIds(_ planJSON: String) -> [String] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(planJSON.utf8)) as? [String: Any],
            let steps = object["steps"] as? [[String: Any]]
        else { return [] }
        return steps.compactMap { $0["id"] as? String }
    }
}

/// Runs the runbook in the rehearsal's folder with the simulator on PATH, printing its
/// output interleaved with what the simulator did, and kills it when asked.
struct RunbookRunner {
    let work: URL
    let steps: [String]

    struct Outcome {
        var status: Int32
        var output: String
        var killed: Bool
        /// The runbook's lines with the simulator's timeline between them, as printed.
        var timeline: String = ""
    }

    /// Runs the runbook once; `checkProgressMarks` has it stop when a later progress mark holds
    /// before a step runs (CMPLAN_CHECK_PROGRESS_MARKS), which only a plain first run may ask:
    /// the guards' extra commands would move a seeded kill or a --fail-once match.
    func run(label: String, interruptAfter: Int?, seed: UInt64?, arguments: [String] = [], checkProgressMarks: Bool = false) -> Outcome {
        Terminal.out("== \(label): ./runbook.sh --yes\(arguments.map { " " + $0 }.joined())\n")
        let events = work.appendingPathComponent("events.log").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setsid")
        let groupFile = work.appendingPathComponent("runbook.pgid").path
        // setsid gives the runbook a process group of its own, which an interruption kills whole.
        process.arguments = [
            "--wait", "bash", "-c", "echo \"$$\" > \"$1\"; shift; exec bash \"$@\"", "rehearsal", groupFile,
            work.appendingPathComponent("build/runbook.sh").path, "--yes", "--state-dir", work.appendingPathComponent("state").path,
        ] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = work.appendingPathComponent("bin").path + ":/usr/bin:/bin"
        environment["CMPLAN_SIM_WORLD"] = work.appendingPathComponent("world.json").path
        environment["CMPLAN_SIM_EVENTS"] = events
        // Every command line the runbook gave a simulated tool, one JSON array per line: the
        // real kubectl parses each kubectl call shape in the tests (RealKubectlTests).
        environment["CMPLAN_SIM_CALLS"] = work.appendingPathComponent("calls.jsonl").path
        environment["HOME"] = work.appendingPathComponent("home").path
        environment["CQLSH_USERNAME"] = nil
        environment["CQLSH_PASSWORD"] = nil
        environment["CMPLAN_POLL_SECONDS"] = "0"
        environment["CMPLAN_WAIT_SECONDS"] = "3"
        environment["CMPLAN_STREAM_WAIT_SECONDS"] = "3"
        environment["CMPLAN_NODE_START_SECONDS"] = "0"
        if checkProgressMarks { environment["CMPLAN_CHECK_PROGRESS_MARKS"] = "yes" }
        process.environment = environment
        process.currentDirectoryURL = work
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch {
            return Outcome(status: 127, output: "cannot start the runbook: \(error)", killed: false)
        }
        var eventOffset = (try? FileManager.default.attributesOfItem(atPath: events)[.size] as? UInt64) ?? 0
        let startOffset = eventOffset
        var collected = ""
        var interleaved = ""
        var pending = ""
        var killed = false
        var armed = false
        func drainEvents() {
            guard let handle = FileHandle(forReadingAtPath: events) else { return }
            handle.seek(toFileOffset: eventOffset)
            let data = handle.readDataToEndOfFile()
            eventOffset += UInt64(data.count)
            handle.closeFile()
            if !data.isEmpty {
                let text = String(decoding: data, as: UTF8.self)
                Terminal.out(text)
                interleaved += text
            }
        }
        let reader = pipe.fileHandleForReading
        while true {
            let data = reader.availableData
            if data.isEmpty { break }
            pending += String(decoding: data, as: UTF8.self)
            while let newline = pending.firstIndex(of: "\n") {
                let line = String(pending[..<newline])
                pending = String(pending[pending.index(after: newline)...])
                drainEvents()
                Terminal.out(line + "\n")
                collected += line + "\n"
                interleaved += line + "\n"
                guard let interruptAfter, !killed else { continue }
                let index = steps.firstIndex { line.hasPrefix("run   \($0)") || line.hasPrefix("done  \($0)") || line.hasPrefix("skip  \($0)") }
                if let index, index == interruptAfter, line.hasPrefix("run   "), let seed, !armed {
                    // Kill inside the step, after a seeded number of simulated commands.
                    armed = true
                    arm(commands: Int(seed % 24) + 1)
                } else if let index, index > interruptAfter {
                    let group = (try? String(contentsOfFile: groupFile, encoding: .utf8)).flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
                    kill(-(group ?? process.processIdentifier), SIGKILL)
                    killed = true
                    Terminal.out("    ~ INTERRUPT: the run is killed after step \(steps[interruptAfter])\n")
                }
            }
        }
        process.waitUntilExit()
        drainEvents()
        if process.terminationReason == .uncaughtSignal { killed = true }
        if let handle = FileHandle(forReadingAtPath: events) {
            // An interruption the simulator made from inside a step, during this run.
            handle.seek(toFileOffset: startOffset)
            if String(decoding: handle.readDataToEndOfFile(), as: UTF8.self).contains("INTERRUPT") { killed = true }
            handle.closeFile()
        }
        Terminal.out("== \(label) ended: \(killed ? "killed" : "exit \(process.terminationStatus)")\n")
        // Everything the runbook printed, for the check that no password reached it.
        let transcript = work.appendingPathComponent("output.log")
        if !FileManager.default.fileExists(atPath: transcript.path) { FileManager.default.createFile(atPath: transcript.path, contents: nil) }
        if let handle = try? FileHandle(forWritingTo: transcript) {
            handle.seekToEndOfFile()
            handle.write(Data(collected.utf8))
            try? handle.close()
        }
        return Outcome(status: killed ? 137 : process.terminationStatus, output: collected, killed: killed, timeline: interleaved)
    }

    func disarm() {
        WorldFile(path: work.appendingPathComponent("world.json").path).update { $0.killAfter = nil }
    }

    func arm(commands: Int) {
        WorldFile(path: work.appendingPathComponent("world.json").path).update { $0.killAfter = commands }
    }
}
