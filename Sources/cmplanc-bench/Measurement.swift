import CMPlan
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Times of one plan size: each compiler stage in process, the whole `cmplanc build`
/// process, and the peak memory of that process.
struct Measurement {
    var keyspaces: Int
    var nodes: Int
    var bytes: Int
    var parse: Double = 0
    var decode: Double = 0
    var rules: Double = 0
    var plan: Double = 0
    var emit: Double = 0
    var process: Double = 0
    var peakMiB: Double = 0

    var stages: Double { parse + decode + rules + plan + emit }

    /// The fastest of `repeats` runs of a closure, in seconds.
    static func fastest(_ repeats: Int, _ body: () -> Void) -> Double {
        var best = Double.infinity
        for _ in 0..<repeats {
            let start = ContinuousClock.now
            body()
            let elapsed = ContinuousClock.now - start
            best = Swift.min(best, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }
        return best
    }

    /// Measures every stage of one plan text.
    static func stages(keyspaces: Int, nodes: Int, text: String, repeats: Int) -> Measurement {
        let file = SourceFile(path: "bench.cmplan", text: text)
        var measurement = Measurement(keyspaces: keyspaces, nodes: nodes, bytes: file.bytes.count)
        var tree = Parser.parse(file).tree
        measurement.parse = fastest(repeats) { tree = Parser.parse(file).tree }
        var plan = SchemaDecoder.decode(tree, file: file).plan
        measurement.decode = fastest(repeats) { plan = SchemaDecoder.decode(tree, file: file).plan }
        guard let plan else { fatalError("the benchmark plan does not decode") }
        var warnings: [Diagnostic] = []
        measurement.rules = fastest(repeats) { warnings = Rules.check(plan) }
        guard case .success(var runbook) = RunbookCompiler.compile(plan, source: file, warnings: warnings) else {
            fatalError("the benchmark plan does not compile")
        }
        measurement.plan = fastest(repeats) {
            if case .success(let compiled) = RunbookCompiler.compile(plan, source: file, warnings: warnings) { runbook = compiled }
        }
        measurement.emit = fastest(repeats) {
            var total = BashEmitter.render(runbook).utf8.count + ReviewEmitter.render(runbook).utf8.count
            total += PlanJSONEmitter.render(runbook).utf8.count
            for manifest in runbook.manifests { total += manifest.document.text.utf8.count }
            precondition(total > 0)
        }
        return measurement
    }

    /// Runs a command `repeats` times with posix_spawn and wait4 (Foundation's Process polls
    /// for the exit, which would add tens of milliseconds): fastest wall time, and the peak
    /// RSS that wait4 reports for the child.
    static func process(_ executable: String, _ arguments: [String], repeats: Int) -> (seconds: Double, peakMiB: Double) {
        var best = Double.infinity
        var peak = 0.0
        for _ in 0..<repeats {
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
            defer { posix_spawn_file_actions_destroy(&actions) }
            let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
            defer { for pointer in argv { free(pointer) } }
            var pid: pid_t = 0
            let start = ContinuousClock.now
            guard posix_spawn(&pid, executable, &actions, nil, argv, environ) == 0 else { return (.nan, .nan) }
            var status: Int32 = 0
            var usage = rusage()
            wait4(pid, &status, 0, &usage)
            let elapsed = ContinuousClock.now - start
            best = Swift.min(best, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
            peak = Swift.max(peak, Double(usage.ru_maxrss) / 1024)
        }
        return (best, peak)
    }
}
