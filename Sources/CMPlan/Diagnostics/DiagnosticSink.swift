/// Collects diagnostics while a stage runs, and stops collecting past a limit so that
/// hostile input (a megabyte of `{`) cannot produce a megabyte of errors.
public struct DiagnosticSink: Sendable {
    /// The most diagnostics one file may produce before the rest are summarised.
    public static let defaultLimit = 100

    /// What has been collected so far.
    public private(set) var diagnostics: [Diagnostic] = []
    /// How many were dropped past the limit.
    public private(set) var dropped = 0
    /// The cap on collected diagnostics.
    public let limit: Int

    /// Creates an empty sink.
    public init(limit: Int = DiagnosticSink.defaultLimit) {
        self.limit = limit
    }

    /// Records a finding (or counts it as dropped past the limit).
    public mutating func add(_ diagnostic: Diagnostic) {
        if diagnostics.count < limit {
            diagnostics.append(diagnostic)
        } else {
            dropped += 1
        }
    }

    /// Records several findings.
    public mutating func add(contentsOf list: [Diagnostic]) {
        for diagnostic in list { add(diagnostic) }
    }

    /// Takes over another sink's findings and its count of dropped ones.
    public mutating func absorb(_ other: DiagnosticSink) {
        add(contentsOf: other.diagnostics)
        dropped += other.dropped
    }

    /// The same sink keeping only the findings that pass a test (the dropped count stays).
    public func filtered(_ isIncluded: (Diagnostic) -> Bool) -> DiagnosticSink {
        var copy = self
        copy.diagnostics = diagnostics.filter(isIncluded)
        return copy
    }

    /// True when an error has been recorded (or dropped, which only happens to errors in bulk).
    public var hasErrors: Bool { dropped > 0 || diagnostics.contains { $0.severity == .error } }

    /// The collected findings, plus one closing error that says how many were left out.
    public func finished(endOfFile: SourcePosition) -> [Diagnostic] {
        guard dropped > 0 else { return diagnostics }
        return diagnostics + [
            .error(
                .syntax, "too many errors: \(dropped) more not shown", at: SourceRange(at: endOfFile),
                help: "fix the errors above and run the check again")
        ]
    }
}
