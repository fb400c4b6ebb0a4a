/// Renders diagnostics for people, rustc-style: a header line, the source line with a caret
/// underline, ranged notes with their own snippets, then `= note:` and `= help:` lines.
public struct TextRenderer: Sendable {
    /// Whether to emit ANSI colours (only on a terminal, never with NO_COLOR).
    public var useColor: Bool

    /// Creates a renderer.
    public init(useColor: Bool) {
        self.useColor = useColor
    }

    /// The longest stretch of a source line shown; longer lines are cut around the range.
    static let maximumLineWidth = 120

    /// All diagnostics of a file, each followed by a blank line.
    public func render(_ set: FileDiagnostics) -> String {
        set.diagnostics.map { render($0, in: set.file) + "\n" }.joined()
    }

    /// One diagnostic.
    public func render(_ diagnostic: Diagnostic, in file: SourceFile) -> String {
        let start = diagnostic.range.start
        let severityText = paint(diagnostic.severity.rawValue, diagnostic.severity == .error ? "1;31" : "1;33")
        var output =
            "\(file.path):\(start.line):\(start.column): \(severityText)\(paint("[\(diagnostic.rule.rawValue)]", "1")): "
            + paint(diagnostic.message, "1") + "\n"
        let lines = [diagnostic.range.start.line] + diagnostic.notes.compactMap { $0.range?.start.line }
        let width = Swift.max(5, String(lines.max() ?? 1).count + 1)
        output += snippet(file, diagnostic.range, marker: "^", label: nil, width: width, color: diagnostic.severity == .error ? "1;31" : "1;33")
        for note in diagnostic.notes {
            if let range = note.range {
                output += snippet(file, range, marker: "-", label: note.message, width: width, color: "1;34")
            }
        }
        for note in diagnostic.notes where note.range == nil {
            output += "  = \(paint("note", "1")): \(note.message)\n"
        }
        if let help = diagnostic.help {
            output += "  = \(paint("help", "1;36")): \(help)\n"
        }
        return output
    }

    private func snippet(_ file: SourceFile, _ range: SourceRange, marker: Character, label: String?, width: Int, color: String) -> String {
        let lineNumber = range.start.line
        var scalars = Array(file.lineText(lineNumber).unicodeScalars)
        var caretColumn = range.start.column - 1
        let endColumn = range.end.line == lineNumber ? range.end.column - 1 : scalars.count
        var length = Swift.max(1, endColumn - caretColumn)
        var prefix = ""
        if scalars.count > Self.maximumLineWidth {
            let windowStart = Swift.max(0, Swift.min(caretColumn - 40, scalars.count - Self.maximumLineWidth))
            let windowEnd = Swift.min(scalars.count, windowStart + Self.maximumLineWidth)
            scalars = Array(scalars[windowStart..<windowEnd])
            caretColumn -= windowStart
            if windowStart > 0 { prefix = "…" }
        }
        caretColumn = Swift.max(0, Swift.min(caretColumn, scalars.count))
        length = Swift.max(1, Swift.min(length, scalars.count - caretColumn))
        let shown = String(String.UnicodeScalarView(scalars.map(Self.printable)))
        let indent = String(String.UnicodeScalarView(scalars.prefix(caretColumn).map { $0 == "\t" ? "\t" : " " }))
        let gutter = String(lineNumber).leftPadded(to: width)
        let blank = String(repeating: " ", count: width)
        let underline = String(repeating: marker, count: length)
        let prefixPad = prefix.isEmpty ? "" : " "
        var output = paint("\(gutter) |", "1;34") + " \(prefix)\(shown)\n"
        output += paint("\(blank) |", "1;34") + " \(prefixPad)\(indent)" + paint(underline, color)
        if let label { output += " " + paint(label, color) }
        return output + "\n"
    }

    /// Replaces control characters so a snippet of binary input cannot drive the terminal.
    private static func printable(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        if scalar == "\t" { return scalar }
        if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) { return "\u{FFFD}" }
        return scalar
    }

    private func paint(_ text: String, _ code: String) -> String {
        useColor ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}

extension String {
    /// The string padded with spaces on the left to a width.
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
