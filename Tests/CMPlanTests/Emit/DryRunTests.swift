import Foundation
import Testing

/// `--dry-run` shows, under each helper it would run, the command lines PLAN.md shows for that
/// step (issue 17.3): the generated runbooks' show functions print the same lines, byte for byte.
@Suite struct DryRunTests {
    @Test(arguments: ["k8s-to-k8s", "k8s-extend", "ec2-to-eks", "ec2-snapshot-load"])
    func theDryRunShowsPlanMdsCommandLines(name: String) throws {
        let runbook = Repository.path("Generated/\(name)/runbook.sh")
        let review = try #require(FileBytes.readText(Repository.path("Generated/\(name)/PLAN.md")))
        let section = try #require(review.components(separatedBy: "## What each step runs").last?.components(separatedBy: "## Manifests").first)
        let planned = section.split(separator: "\n").map(String.init).filter { $0.hasPrefix("kubectl ") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        // Every step's show function, in order, with the runbook sourced (its main does not run).
        process.arguments = [
            "-c", "source \"$1\"; for f in $(declare -F | awk '/^declare -f step_.*_show$/ { print $3 }' | sort); do \"$f\"; done", "dry-run", runbook,
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let shown = text.split(separator: "\n").filter { $0.hasPrefix("      $ ") }.map { String($0.dropFirst("      $ ".count)) }
        #expect(!planned.isEmpty)
        #expect(shown == planned, "\(name): --dry-run shows \(shown.count) command lines, PLAN.md \(planned.count)")
    }
}
