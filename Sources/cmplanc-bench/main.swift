import CMPlan
import Foundation

// cmplanc-bench: times each compiler stage and the whole `cmplanc build` process on plans of
// growing size, prints a table with the growth per ×10 keyspaces, and writes a log-log plot.
// Usage: cmplanc-bench --cmplanc PATH [--out DIR] [--quick]   (scripts/bench runs it)

var cmplanc = ".build/release/cmplanc"
var output = ".build/bench"
var quick = false
var arguments = Array(CommandLine.arguments.dropFirst())
while let argument = arguments.first {
    arguments.removeFirst()
    switch argument {
    case "--cmplanc": cmplanc = arguments.isEmpty ? cmplanc : arguments.removeFirst()
    case "--out": output = arguments.isEmpty ? output : arguments.removeFirst()
    case "--quick": quick = true
    default:
        FileHandle.standardError.write(Data("usage: cmplanc-bench --cmplanc PATH [--out DIR] [--quick]\n".utf8))
        exit(2)
    }
}

let keyspaceSizes = quick ? [10, 100, 1_000] : [10, 100, 1_000, 10_000]
let nodeSizes = quick ? [3, 30] : [3, 30, 300]
let repeats = quick ? 1 : 3
let work = FileManager.default.temporaryDirectory.appendingPathComponent("cmplanc-bench-\(getpid())")
try? FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
try? FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)

func milliseconds(_ seconds: Double) -> String {
    seconds < 0.01 ? String(format: "%.2f", seconds * 1000) : String(format: "%.1f", seconds * 1000)
}

var report = "# cmplanc benchmark\n\n"
report += "Whole-process `cmplanc build` of the example plans (fastest of \(repeats)):\n\n| plan | ms |\n|---|---|\n"
for plan in ["Plans/k8s-to-k8s.cmplan", "Plans/ec2-to-eks.cmplan"] {
    let timing = Measurement.process(cmplanc, ["build", plan, "--out", work.appendingPathComponent("examples").path], repeats: repeats)
    report += "| \(plan) | \(milliseconds(timing.seconds)) |\n"
}

var measurements: [Measurement] = []
for nodes in nodeSizes {
    for keyspaces in keyspaceSizes {
        let text = PlanGenerator.handover(keyspaces: keyspaces, nodes: nodes)
        var measurement = Measurement.stages(keyspaces: keyspaces, nodes: nodes, text: text, repeats: repeats)
        let path = work.appendingPathComponent("plan-\(keyspaces)-\(nodes).cmplan")
        try? Data(text.utf8).write(to: path)
        let timing = Measurement.process(cmplanc, ["build", path.path, "--out", work.appendingPathComponent("out").path], repeats: repeats)
        measurement.process = timing.seconds
        measurement.peakMiB = timing.peakMiB
        measurements.append(measurement)
        FileHandle.standardError.write(Data("measured \(keyspaces) keyspaces × \(nodes) nodes\n".utf8))
    }
}

report += "\nStages in process and the whole process (ms, fastest of \(repeats)); peak RSS of the build process (MiB):\n\n"
report += "| keyspaces | nodes/DC | plan KiB | parse | decode | rules | plan | emit | stages | build process | peak MiB |\n"
report += "|---|---|---|---|---|---|---|---|---|---|---|\n"
for m in measurements {
    report += "| \(m.keyspaces) | \(m.nodes) | \(m.bytes / 1024) | \(milliseconds(m.parse)) | \(milliseconds(m.decode)) | \(milliseconds(m.rules)) | \(milliseconds(m.plan)) | \(milliseconds(m.emit)) | \(milliseconds(m.stages)) | \(milliseconds(m.process)) | \(String(format: "%.1f", m.peakMiB)) |\n"
}
report += "\nGrowth per ×10 keyspaces (time at 10K ÷ time at K; linear is 10, the target at most 12):\n\n"
report += "| nodes/DC | from → to | parse | decode | rules | plan | emit | stages |\n|---|---|---|---|---|---|---|---|\n"
for nodes in nodeSizes {
    let series = measurements.filter { $0.nodes == nodes }.sorted { $0.keyspaces < $1.keyspaces }
    for (small, large) in zip(series, series.dropFirst()) where small.keyspaces >= 100 {
        func ratio(_ value: (Measurement) -> Double) -> String { String(format: "%.1f", value(large) / Swift.max(value(small), 1e-9)) }
        report += "| \(nodes) | \(small.keyspaces) → \(large.keyspaces) | \(ratio { $0.parse }) | \(ratio { $0.decode }) | \(ratio { $0.rules }) | \(ratio { $0.plan }) | \(ratio { $0.emit }) | \(ratio { $0.stages }) |\n"
    }
}

// The generated runbook's own cost: --list and --dry-run of a 300-node plan.
let runbookNodes = nodeSizes.last ?? 30
let runbookPlan = work.appendingPathComponent("runbook-\(runbookNodes).cmplan")
try? Data(PlanGenerator.handover(keyspaces: 10, nodes: runbookNodes).utf8).write(to: runbookPlan)
_ = Measurement.process(cmplanc, ["build", runbookPlan.path, "--out", work.appendingPathComponent("runbook").path], repeats: 1)
let runbook = work.appendingPathComponent("runbook/bench/runbook.sh").path
let list = Measurement.process("/bin/bash", [runbook, "--list"], repeats: repeats)
let dryRun = Measurement.process("/bin/bash", [runbook, "--dry-run", "--state-dir", work.appendingPathComponent("state").path], repeats: repeats)
report += "\nThe generated runbook of a \(runbookNodes)-node, 10-keyspace plan (no cluster reachable): `--list` \(milliseconds(list.seconds)) ms, `--dry-run` \(milliseconds(dryRun.seconds)) ms.\n"

print(report)
try? report.write(toFile: output + "/results.md", atomically: true, encoding: .utf8)
try? Plot.svg(measurements, value: { $0.stages }, title: "cmplanc: all stages in process, time vs keyspaces")
    .write(toFile: output + "/stages.svg", atomically: true, encoding: .utf8)
try? Plot.svg(measurements, value: { $0.process }, title: "cmplanc build: whole process, time vs keyspaces")
    .write(toFile: output + "/build.svg", atomically: true, encoding: .utf8)
try? FileManager.default.removeItem(at: work)
FileHandle.standardError.write(Data("wrote \(output)/results.md, \(output)/stages.svg and \(output)/build.svg\n".utf8))
