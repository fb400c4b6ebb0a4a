/// What a rule is, for `cmplanc rules`, `cmplanc explain` and SARIF: name, severity, summary,
/// and the three paragraphs of explanation (what it checks, why, how to fix) with an example.
public struct RuleDescription: Sendable, Hashable {
    /// The stable name.
    public var name: RuleName
    /// The severity it reports with (a few rules also warn before they err; see `explanation`).
    public var severity: Severity
    /// One line: what the rule checks.
    public var summary: String
    /// What it checks, in a paragraph.
    public var checks: String
    /// Why it matters: the real failure it prevents.
    public var why: String
    /// How to fix a finding.
    public var fix: String
    /// A plan fragment that triggers the rule.
    public var before: String
    /// The same fragment, fixed.
    public var after: String

    /// Creates a rule description.
    public init(
        name: RuleName, severity: Severity, summary: String, checks: String, why: String, fix: String,
        before: String, after: String
    ) {
        self.name = name
        self.severity = severity
        self.summary = summary
        self.checks = checks
        self.why = why
        self.fix = fix
        self.before = before
        self.after = after
    }
}
