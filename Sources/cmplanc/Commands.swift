import CMPlan
import Foundation

/// Exit statuses of language.md section 7.
enum ExitStatus: Int32 {
    /// No errors (warnings allowed).
    case success = 0
    /// Errors in a plan.
    case planErrors = 1
    /// Usage or I/O error.
    case usage = 2
}

/// Runs one parsed invocation.
enum Commands {
    static func run(_ invocation: Invocation) -> ExitStatus {
        switch invocation {
        case .check(let files, let format):
            return check(files, format: format)
        case .build(let files, let outputRoot, let format):
            return BuildCommand.run(files, outputRoot: outputRoot, format: format)
        case .format(let files, let checkOnly):
            return format(files, checkOnly: checkOnly)
        case .explain(let rule):
            return explain(rule)
        case .rules:
            Terminal.out(RuleListing.table())
            return .success
        case .rehearse(let command):
            return command.run()
        case .help(let command):
            guard let command else {
                Terminal.out(HelpText.overview + "\n")
                return .success
            }
            guard let text = HelpText.text(for: command) else {
                Terminal.error("cmplanc: error: no help for unknown command '\(command)'\n")
                return .usage
            }
            Terminal.out(text + "\n")
            return .success
        case .version:
            Terminal.out("cmplanc \(CMPlanVersion.current)\n")
            return .success
        }
    }

    /// Renders one file's diagnostics in the chosen format (SARIF is written once, at the end).
    static func report(_ result: FileDiagnostics, format: DiagnosticFormat) {
        switch format {
        case .text:
            Terminal.error(TextRenderer(useColor: Terminal.standardErrorWantsColor).render(result))
            Terminal.error(summary(result) + "\n")
        case .json:
            Terminal.out(JSONLinesRenderer.render(result))
        case .sarif:
            break
        }
    }

    static func check(_ paths: [String], format: DiagnosticFormat) -> ExitStatus {
        var results: [FileDiagnostics] = []
        var status = ExitStatus.success
        for path in paths {
            switch PlanFiles.read(path) {
            case .failure(let failure):
                Terminal.error("cmplanc: error: \(failure.message)\n")
                status = .usage
            case .success(let file):
                let result = Frontend.run(file).diagnostics
                results.append(result)
                if result.hasErrors, status == .success { status = .planErrors }
                report(result, format: format)
            }
        }
        if format == .sarif {
            Terminal.out(SARIFRenderer.render(results, toolVersion: CMPlanVersion.current))
        }
        return status
    }

    static func summary(_ result: FileDiagnostics) -> String {
        let errors = result.count(.error)
        let warnings = result.count(.warning)
        if errors == 0 && warnings == 0 { return "\(result.file.path): ok" }
        func plural(_ count: Int, _ word: String) -> String { "\(count) \(word)\(count == 1 ? "" : "s")" }
        return "\(result.file.path): \(plural(errors, "error")), \(plural(warnings, "warning"))"
    }

    static func format(_ paths: [String], checkOnly: Bool) -> ExitStatus {
        var status = ExitStatus.success
        let renderer = TextRenderer(useColor: Terminal.standardErrorWantsColor)
        for path in paths {
            let file: SourceFile
            switch PlanFiles.read(path) {
            case .failure(let failure):
                Terminal.error("cmplanc: error: \(failure.message)\n")
                status = .usage
                continue
            case .success(let read):
                file = read
            }
            switch Formatter.format(file) {
            case .failure(let failure):
                Terminal.error(renderer.render(FileDiagnostics(file: file, diagnostics: failure.diagnostics)))
                Terminal.error("\(path): not formatted: fix the syntax errors first\n")
                if status == .success { status = .planErrors }
            case .success(let formatted):
                guard Array(formatted.utf8) != file.bytes else { continue }
                if checkOnly {
                    Terminal.out(path + "\n")
                    if status == .success { status = .planErrors }
                    continue
                }
                do {
                    try Data(formatted.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
                } catch {
                    Terminal.error("cmplanc: error: cannot write \(path): \(error.localizedDescription)\n")
                    status = .usage
                }
            }
        }
        return status
    }

    static func explain(_ name: String) -> ExitStatus {
        guard let rule = RuleCatalogue.lookup(name) else {
            let names = RuleCatalogue.all.map(\.name.rawValue)
            let hint = Suggestion.closest(to: name, in: names).map { "; did you mean '\($0)'?" } ?? ""
            Terminal.error("cmplanc: error: no rule named '\(name)'\(hint) (cmplanc rules lists them all)\n")
            return .usage
        }
        Terminal.out(RuleListing.explanation(rule))
        return .success
    }
}
