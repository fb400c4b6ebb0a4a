/// The registry of every plan rule, in one static list, and the pass that runs them all.
public enum Rules {
    /// Every rule that checks a decoded plan.
    public static let all: [Rule] =
        IdentityRules.all + StrategyRules.all + DatacenterFateRules.all + CredentialsRules.all + NamingRules.all + OperatorRules.all + ImageRules.all + EBSRules.all + ReplicationRules.all + StorageRules.all + NetworkRules.all

    /// Runs every rule on a plan; all findings, errors and warnings together.
    public static func check(_ plan: Plan) -> [Diagnostic] {
        let context = RuleContext(plan: plan)
        return all.flatMap { $0.check($0.description, context) }
    }
}
