@testable import CMPlan
import CMPlanSim
import Foundation
import Testing

/// Every kubectl call shape the example runbooks make, as the rehearsal recorded them, parses in
/// the real kubectl (issue 18, item 3): run against a kubeconfig whose server refuses connections,
/// each must end in the connection error, never in a usage error (an unknown flag, a missing
/// argument). The simulator accepts what the compiler writes; the real kubectl is the judge here.
@Suite struct RealKubectlTests {
    static let plans = [
        "Plans/k8s-to-k8s.cmplan", "Plans/ec2-to-eks.cmplan", "Plans/k8s-extend.cmplan", "Plans/ec2-snapshot-load.cmplan", "Plans/k8s-handover-5.cmplan",
    ]

    /// A call's shape: its verb and kind, the flags it passes (values dropped, but `-o`'s format
    /// kept) and how many other words it has; what follows `--` is the pod's command, not kubectl's.
    static func shape(_ arguments: [String]) -> String {
        var words: [String] = []
        var flags: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" { break }
            if ["--context", "-n", "--namespace", "-c", "-p", "-f", "-l", "--replicas", "--timeout", "--image", "--type"].contains(argument) {
                flags.append(argument)
                index += 2
                continue
            }
            if argument == "-o", index + 1 < arguments.count {
                flags.append("-o " + (arguments[index + 1].split(separator: "=").first.map(String.init) ?? ""))
                index += 2
                continue
            }
            if argument.hasPrefix("-") {
                flags.append(String(argument.split(separator: "=").first ?? ""))
            } else {
                words.append(argument)
            }
            index += 1
        }
        let named = words.prefix(2).joined(separator: " ")
        return "\(named) [\(words.count) words] " + flags.sorted().joined(separator: " ")
    }

    /// The real kubectl on PATH.
    static func kubectl() throws -> String {
        try LocalServer.required("kubectl", hint: "the runbooks need it too (https://kubernetes.io/docs/tasks/tools/)")
    }

    @Test(arguments: plans)
    func everyKubectlCallShapeParsesInTheRealKubectl(plan: String) throws {
        let kubectl = try Self.kubectl()
        let outcome = try CLI.run(["rehearse", plan, "--keep"])
        #expect(outcome.status == 0, "\(outcome.stdout.suffix(1500))")
        let folder = try #require(
            outcome.stdout.split(separator: "\n").first?.components(separatedBy: " in ").last.map { $0.trimmingCharacters(in: .whitespaces) })
        let text = try #require(FileBytes.readText(folder + "/calls.jsonl"), "no calls recorded in \(folder)")
        var representatives: [String: [String]] = [:]
        for line in text.split(separator: "\n") {
            guard let call = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String], call.first == "kubectl" else { continue }
            let arguments = Array(call.dropFirst())
            let key = Self.shape(arguments)
            if representatives[key] == nil { representatives[key] = arguments }
        }
        #expect(representatives.count >= 10, "\(plan): too few kubectl call shapes recorded: \(representatives.keys.sorted())")
        // The same record judges PLAN.md's "What each step runs": every command shown exactly was
        // run, word for word (manifest paths are under the runbook's folder when run).
        var recorded: Set<[String]> = []
        for line in text.split(separator: "\n") {
            guard let call = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String] else { continue }
            recorded.insert(call.map { $0.hasPrefix(folder + "/build/") ? String($0.dropFirst(folder.count + "/build/".count)) : $0 })
        }
        let source = try #require(FileBytes.readText(Repository.path(plan)))
        let file = SourceFile(path: plan, text: source)
        let runbook = try RunbookCompiler.compile(try #require(Frontend.run(file).plan), source: file, warnings: []).get()
        var shown = 0
        // Manual-only steps (rollbacks) do not run in a rehearsal to the end.
        for step in runbook.steps where !step.manualOnly {
            for command in step.action.flatMap({ CommandPreview.lines($0, logins: runbook.loginsByKey, jmx: runbook.jmxLoginsByKey) }) {
                guard let argv = command.argv else { continue }
                shown += 1
                #expect(recorded.contains(argv), "\(plan): PLAN.md shows for \(step.id) a command the rehearsal never ran: \(command.text)")
            }
        }
        #expect(shown >= 3, "\(plan): only \(shown) exact commands previewed")
        // A kubeconfig naming every context the calls use, each on a server that refuses.
        var contexts: Set<String> = []
        for arguments in representatives.values {
            if let index = arguments.firstIndex(of: "--context"), index + 1 < arguments.count { contexts.insert(arguments[index + 1]) }
        }
        let config = FileManager.default.temporaryDirectory.appendingPathComponent("refused-\(UUID().uuidString).kubeconfig").path
        var yaml = "apiVersion: v1\nkind: Config\nclusters:\n- name: refused\n  cluster: {server: \"https://127.0.0.1:1\"}\n"
        yaml += "users:\n- name: nobody\n  user: {token: none}\ncontexts:\n"
        for context in contexts.sorted() { yaml += "- name: \"\(context)\"\n  context: {cluster: refused, user: nobody}\n" }
        try FileBytes.write(yaml, to: config)
        defer {
            try? FileManager.default.removeItem(atPath: config)
            try? FileManager.default.removeItem(atPath: folder)
        }
        for (key, arguments) in representatives.sorted(by: { $0.key < $1.key }) {
            let result = try Self.run(kubectl, arguments, config: config)
            if arguments.first == "config" {
                // Reads the kubeconfig alone: it answers offline.
                #expect(result.status == 0, "\(plan): kubectl \(arguments.joined(separator: " ")): \(result.stderr.suffix(600))")
            } else {
                #expect(
                    Self.reachedTheServer(result.stderr),
                    "\(plan): the real kubectl did not get as far as the server for \(key): kubectl \(arguments.joined(separator: " "))\n\(result.stderr.suffix(600))")
            }
        }
    }

    /// The check fails a call the real kubectl refuses before it reaches a server.
    @Test func aCallTheRealKubectlRefusesIsCaught() throws {
        let kubectl = try Self.kubectl()
        let config = FileManager.default.temporaryDirectory.appendingPathComponent("refused-\(UUID().uuidString).kubeconfig").path
        try FileBytes.write(
            "apiVersion: v1\nkind: Config\nclusters:\n- name: refused\n  cluster: {server: \"https://127.0.0.1:1\"}\nusers:\n- name: nobody\n  user: {token: none}\ncontexts:\n- name: c\n  context: {cluster: refused, user: nobody}\n",
            to: config)
        defer { try? FileManager.default.removeItem(atPath: config) }
        let good = try Self.run(kubectl, ["--context", "c", "-n", "db", "get", "pod", "p", "-o", "jsonpath={.status.phase}"], config: config)
        #expect(Self.reachedTheServer(good.stderr), "\(good.stderr)")
        let unknownFlag = try Self.run(kubectl, ["--context", "c", "-n", "db", "get", "pod", "p", "--ignore-missing"], config: config)
        #expect(!Self.reachedTheServer(unknownFlag.stderr) && unknownFlag.stderr.contains("unknown flag"), "\(unknownFlag.stderr)")
        let scaleWithoutCount = try Self.run(kubectl, ["--context", "c", "-n", "db", "scale", "statefulset", "s"], config: config)
        #expect(!Self.reachedTheServer(scaleWithoutCount.stderr), "\(scaleWithoutCount.stderr)")
    }

    /// Whether kubectl got as far as dialling the server (which refuses).
    static func reachedTheServer(_ stderr: String) -> Bool {
        stderr.contains("connection refused") || stderr.contains("was refused")
    }

    /// Runs the real kubectl with a kubeconfig, an object on its input (`apply -f -` reads one;
    /// nothing else reads it), and returns its status and standard error.
    static func run(_ kubectl: String, _ arguments: [String], config: String) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: kubectl)
        process.arguments = arguments
        process.environment = ["KUBECONFIG": config, "PATH": "/usr/bin:/bin", "HOME": FileManager.default.temporaryDirectory.path]
        // From a file, not a pipe: a kubectl that never reads its input cannot make a write fail.
        let object = config + ".object.yaml"
        try FileBytes.write("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: probe\n", to: object)
        defer { try? FileManager.default.removeItem(atPath: object) }
        let input = try #require(FileHandle(forReadingAtPath: object))
        defer { try? input.close() }
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, stderr)
    }
}
