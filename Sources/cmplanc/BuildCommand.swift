import CMPlan
import Foundation

/// `cmplanc build`: check every file, render every output in memory, and only when all of
/// them compiled write each plan's directory whole (stale files from earlier builds go).
enum BuildCommand {
    static func run(_ paths: [String], outputRoot: String, format: DiagnosticFormat) -> ExitStatus {
        var outputs: [(planName: String, files: [(path: String, content: String)])] = []
        var results: [FileDiagnostics] = []
        var status = ExitStatus.success
        for path in paths {
            switch PlanFiles.read(path) {
            case .failure(let failure):
                Terminal.error("cmplanc: error: \(failure.message)\n")
                status = .usage
            case .success(let file):
                switch Build.run(file) {
                case .rejected(let diagnostics):
                    results.append(diagnostics)
                    Commands.report(diagnostics, format: format)
                    if status == .success { status = .planErrors }
                case .unsupported(let diagnostics, let reason):
                    results.append(diagnostics)
                    Commands.report(diagnostics, format: format)
                    Terminal.error("cmplanc: error: \(path): \(reason)\n")
                    status = .usage
                case .files(let planName, let files, let diagnostics):
                    results.append(diagnostics)
                    Commands.report(diagnostics, format: format)
                    if outputs.contains(where: { $0.planName == planName }) {
                        Terminal.error("cmplanc: error: two files declare plan \"\(planName)\": each plan needs its own name\n")
                        status = .usage
                    }
                    outputs.append((planName, files))
                }
            }
        }
        if format == .sarif {
            Terminal.out(SARIFRenderer.render(results, toolVersion: CMPlanVersion.current))
        }
        guard status == .success else {
            Terminal.error("cmplanc: nothing was written\n")
            return status
        }
        for output in outputs {
            do {
                try write(output.files, to: URL(fileURLWithPath: outputRoot).appendingPathComponent(output.planName))
                Terminal.error("wrote \(outputRoot)/\(output.planName)/ (\(output.files.count) files)\n")
            } catch {
                Terminal.error("cmplanc: error: cannot write \(outputRoot)/\(output.planName): \(error.localizedDescription)\n")
                return .usage
            }
        }
        return .success
    }

    /// Writes a plan's files into a fresh sibling directory, then swaps it into place.
    static func write(_ files: [(path: String, content: String)], to directory: URL) throws {
        let manager = FileManager.default
        try manager.createDirectory(at: directory.deletingLastPathComponent(), withIntermediateDirectories: true)
        let staging = directory.deletingLastPathComponent().appendingPathComponent(".\(directory.lastPathComponent).cmplanc-staging")
        if manager.fileExists(atPath: staging.path) { try manager.removeItem(at: staging) }
        for file in files {
            let url = staging.appendingPathComponent(file.path)
            try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.content.utf8).write(to: url)
            if file.path.hasSuffix(".sh") {
                try manager.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
            }
        }
        if manager.fileExists(atPath: directory.path) { try manager.removeItem(at: directory) }
        try manager.moveItem(at: staging, to: directory)
    }
}
