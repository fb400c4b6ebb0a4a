/// One finding about a plan, as data: what rule, how serious, where, and how to fix it.
///
/// Every stage of the compiler produces these; only the command line renders them.
public struct Diagnostic: Hashable, Sendable {
    /// Error or warning.
    public var severity: Severity
    /// The stable rule name (`cmplanc explain <rule>`).
    public var rule: RuleName
    /// A lowercase phrase without a trailing period, stated as the rule.
    public var message: String
    /// The text that is wrong.
    public var range: SourceRange
    /// Further context, optionally pointing at other text (the other side of a conflict).
    public var notes: [Note]
    /// The concrete fix, when there is one.
    public var help: String?

    /// Creates a diagnostic.
    public init(
        _ severity: Severity, _ rule: RuleName, _ message: String, at range: SourceRange,
        notes: [Note] = [], help: String? = nil
    ) {
        self.severity = severity
        self.rule = rule
        self.message = message
        self.range = range
        self.notes = notes
        self.help = help
    }

    /// Creates an error with the rule's usual severity.
    public static func error(
        _ rule: RuleName, _ message: String, at range: SourceRange, notes: [Note] = [], help: String? = nil
    ) -> Diagnostic {
        Diagnostic(.error, rule, message, at: range, notes: notes, help: help)
    }
}

/// Additional context attached to a diagnostic.
public struct Note: Hashable, Sendable {
    /// What the note says.
    public var message: String
    /// The text it points at, if any.
    public var range: SourceRange?

    /// Creates a note.
    public init(_ message: String, at range: SourceRange? = nil) {
        self.message = message
        self.range = range
    }
}

/// The diagnostics of one source file, in the order they should be shown.
public struct FileDiagnostics: Sendable {
    /// The file the diagnostics are about.
    public var file: SourceFile
    /// Findings, sorted by position then rule.
    public var diagnostics: [Diagnostic]

    /// Creates the set, sorting the findings by position so output is stable.
    public init(file: SourceFile, diagnostics: [Diagnostic]) {
        self.file = file
        self.diagnostics = diagnostics.enumerated().sorted { lhs, rhs in
            if lhs.element.range.start != rhs.element.range.start {
                return lhs.element.range.start < rhs.element.range.start
            }
            return lhs.offset < rhs.offset
        }.map(\.element)
    }

    /// True when at least one finding is an error.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// Number of findings of a severity.
    public func count(_ severity: Severity) -> Int {
        diagnostics.reduce(0) { $0 + ($1.severity == severity ? 1 : 0) }
    }
}
