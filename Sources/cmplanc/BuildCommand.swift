import CMPlan
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

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
                Terminal.error("cmplanc: error: cannot write \(outputRoot)/\(output.planName): \(error.localizedDescription)\n  help: make '\(outputRoot)' a writable directory, or pass another with --out; plans already written above are complete\n")
                return .usage
            }
        }
        return .success
    }

    /// Writes one file with plain POSIX calls: Foundation's Data.write fsyncs every file,
    /// which made writing a large plan's hundreds of manifests the slowest part of a build.
    /// The staging directory is swapped into place only after every file is written.
    /// Runbooks are made executable (0755, as before); other files get 0666 less the umask.
    static func writeFile(_ path: String, _ content: String, executable: Bool) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o666)
        guard descriptor >= 0 else { throw FileWriteFailure(path: path, call: "open", code: errno) }
        var content = content
        let failure: FileWriteFailure? = content.withUTF8 { buffer in
            guard let base = buffer.baseAddress else { return nil }
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, base + offset, buffer.count - offset)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return FileWriteFailure(path: path, call: "write", code: errno) }
                offset += written
            }
            return nil
        }
        if let failure {
            close(descriptor)
            throw failure
        }
        if executable && fchmod(descriptor, 0o755) != 0 {
            let code = errno
            close(descriptor)
            throw FileWriteFailure(path: path, call: "chmod", code: code)
        }
        guard close(descriptor) == 0 else { throw FileWriteFailure(path: path, call: "close", code: errno) }
    }

    /// Writes a plan's files into a fresh sibling directory, then swaps it into place.
    static func write(_ files: [(path: String, content: String)], to directory: URL) throws {
        let manager = FileManager.default
        try manager.createDirectory(at: directory.deletingLastPathComponent(), withIntermediateDirectories: true)
        let staging = directory.deletingLastPathComponent().appendingPathComponent(".\(directory.lastPathComponent).cmplanc-staging")
        if manager.fileExists(atPath: staging.path) { try manager.removeItem(at: staging) }
        var directories: Set<String> = []
        for file in files {
            let url = staging.appendingPathComponent(file.path)
            let directory = url.deletingLastPathComponent().path
            if directories.insert(directory).inserted {
                try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
            }
            try writeFile(url.path, file.content, executable: file.path.hasSuffix(".sh"))
        }
        if manager.fileExists(atPath: directory.path) { try manager.removeItem(at: directory) }
        try manager.moveItem(at: staging, to: directory)
    }
}

/// A system call that failed while writing an output file, with the system's reason.
struct FileWriteFailure: LocalizedError {
    /// The file being written.
    let path: String
    /// The call that failed: open, write, chmod or close.
    let call: String
    /// errno after the call.
    let code: Int32

    /// "write /out/plan/runbook.sh: No space left on device".
    var errorDescription: String? { "\(call) \(path): \(String(cString: strerror(code)))" }
}
