/// One invariant of a safe migration: its description (for `rules`, `explain`, SARIF) and
/// the check that finds where a plan breaks it.
public struct Rule: Sendable {
    /// What the rule is and why it exists.
    public let description: RuleDescription
    /// Finds every violation in a plan; receives its own description to word findings.
    let check: @Sendable (RuleDescription, RuleContext) -> [Diagnostic]

    /// Creates a rule.
    init(_ description: RuleDescription, check: @escaping @Sendable (RuleDescription, RuleContext) -> [Diagnostic]) {
        self.description = description
        self.check = check
    }

    /// The rule's name.
    public var name: RuleName { description.name }
}

/// What every rule may look at, computed once per plan so no rule repeats the work.
public struct RuleContext: Sendable {
    /// The decoded plan.
    public let plan: Plan
    /// Replication factors as the migration sees them.
    public let replication: Replication
    /// The plan's estimates.
    public let estimates: Estimates

    /// Builds the context of a plan.
    public init(plan: Plan) {
        self.plan = plan
        replication = Replication(plan: plan)
        estimates = Estimates(plan: plan)
    }

    /// The plan's strategy.
    var strategy: Strategy { plan.settings.strategy.value }
}

extension RuleDescription {
    /// A finding of this rule at its usual severity.
    func finding(_ message: String, at range: SourceRange, notes: [Note] = [], help: String) -> Diagnostic {
        Diagnostic(severity, name, message, at: range, notes: notes, help: help)
    }

    /// A finding of this rule as a warning (rules that warn before they err).
    func warning(_ message: String, at range: SourceRange, notes: [Note] = [], help: String) -> Diagnostic {
        Diagnostic(.warning, name, message, at: range, notes: notes, help: help)
    }
}
