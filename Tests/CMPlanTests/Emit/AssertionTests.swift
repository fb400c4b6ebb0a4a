@testable import CMPlan
import Foundation
import Testing

/// Guards and checks with several calls fail when any one of them fails (issue 12, item 1).
///
/// The dispatcher runs `step_guard` inside `elif` and `step_check ... || die`, where bash
/// ignores `set -e` in everything called, so a function that only listed its calls answered
/// with its last one. Each case sources a real runbook, replaces the helpers a multi-call
/// guard or check uses by stubs that fail for the first call's arguments only, and asks the
/// dispatcher: the guard must say "not done" (the step runs) and the check must fail (the run
/// stops).
@Suite struct AssertionTests {
    /// Every example plan and build fixture: all four strategies.
    static let plans = FileBytes.list(Repository.path("Plans"), suffix: ".cmplan").map { "Plans/" + $0 }
        + FileBytes.list(Repository.path("Tests/Fixtures/build"), suffix: ".cmplan").map { "Tests/Fixtures/build/" + $0 }
        + ["Tests/CMPlanTests/Rules/Fixtures/extend.cmplan", "Tests/CMPlanTests/Rules/Fixtures/snapshot-load.cmplan"]

    func runbook(_ path: String) throws -> Runbook {
        let text = try #require(FileBytes.readText(Repository.path(path)))
        let file = SourceFile(path: path, text: text)
        let plan = try #require(Frontend.run(file).plan, "\(path) does not compile")
        return try RunbookCompiler.compile(plan, source: file, warnings: []).get()
    }

    /// One case: stubs for the helpers of `calls`, failing only for the first call, then `probe`.
    func scenario(_ calls: [Call], probe: String) -> String {
        let failing = calls[0].arguments.joined(separator: " ")
        var script = "(\n"
        for helper in Set(calls.map(\.helper.rawValue)).sorted() {
            script += "  \(helper)() { [[ \"$*\" != \(BashEmitter.quoted(failing)) ]] || { echo \"stub: \(helper) fails\" >&2; return 1; }; }\n"
        }
        return script + "  \(probe)\n)\n"
    }

    @Test(arguments: plans)
    func aFailingFirstAssertionFailsTheWholeGuardOrCheck(plan: String) throws {
        let built = try runbook(plan)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("assertions-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("runbook.sh").path
        try FileBytes.write(BashEmitter.render(built), to: path)
        var script = "set -u\nsource \(BashEmitter.quoted(path))\n"
        var expected: [String] = []
        for step in built.steps {
            if step.guardCalls.count > 1 {
                script += scenario(step.guardCalls, probe: "if step_guard \(step.id); then echo 'guard \(step.id) done'; else echo 'guard \(step.id) runs'; fi")
                expected.append("guard \(step.id) runs")
            }
            if step.check.count > 1 {
                script += scenario(step.check, probe: "if step_check \(step.id); then echo 'check \(step.id) passed'; else echo 'check \(step.id) stops'; fi")
                expected.append("check \(step.id) stops")
            }
        }
        #expect(!expected.isEmpty, "\(plan) has no guard or check with several calls: nothing is tested")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(plan): the harness failed: \(output)")
        let lines = output.split(separator: "\n").map(String.init)
        #expect(lines == expected, "\(plan): \(Set(lines).subtracting(expected).sorted())")
    }
}
