/// The fixed part of every runbook: options, state (journal, lock, log), the step runner and
/// the helpers steps call (one bash function per `Helper`). Generated steps only call these.
/// The library is shell, one file per concern under `Emit/Library/`; scripts/embed-library
/// writes them into `files` (BashLibraryFiles.swift), and a test proves that current (issue 13).
enum BashLibrary {
    /// One shell file of the library.
    struct File: Sendable {
        /// The file's name in `Emit/Library/`, such as `40-cassandra.sh`.
        var name: String
        /// The file's text as written.
        var text: String

        /// The text as it goes into a runbook: without its `# shellcheck shell=bash` line,
        /// which only tells shellcheck how to read the file on its own.
        var runbookText: String {
            let directive = "# shellcheck shell=bash\n"
            return text.hasPrefix(directive) ? String(text.dropFirst(directive.count)) : text
        }
    }

    /// The library text, placed after the plan's constants and before the steps.
    static let text: String = {
        var output = "# ---------------------------------------------------------------------------\n"
        output += "# Library (the same in every runbook; the steps below only call it)\n"
        output += "# ---------------------------------------------------------------------------\n"
        for file in files {
            output += "\n# --- library file \(file.name) " + String(repeating: "-", count: max(3, 56 - file.name.count)) + "\n"
            output += file.runbookText
        }
        return output
    }()
}
