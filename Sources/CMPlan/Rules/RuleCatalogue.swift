/// Every rule the compiler knows, in one static list: what `cmplanc rules` prints, what
/// `cmplanc explain` looks up and what SARIF declares.
public enum RuleCatalogue {
    /// All rule descriptions, sorted by name.
    public static let all: [RuleDescription] = (FrontEndRules.all + Rules.all.map(\.description)).sorted {
        $0.name < $1.name
    }

    /// The description of a rule.
    public static func description(of name: RuleName) -> RuleDescription? {
        all.first { $0.name == name }
    }

    /// Looks a rule up by the name a person typed.
    public static func lookup(_ text: String) -> RuleDescription? {
        RuleName(rawValue: text).flatMap(description(of:))
    }
}
