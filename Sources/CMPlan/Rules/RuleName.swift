/// The stable name of every rule a diagnostic can carry.
///
/// These strings are public API: CI configurations, suppressions and tests refer to them.
/// Add names; never rename one.
public enum RuleName: String, Sendable, Hashable, CaseIterable, Comparable {
    // Front end (language.md section 5, "Front end").
    /// Text that does not follow the grammar.
    case syntax
    /// A block type that does not belong where it is.
    case unknownBlock = "unknown-block"
    /// An attribute name the block does not have.
    case unknownAttribute = "unknown-attribute"
    /// An attribute set twice in one block.
    case duplicateAttribute = "duplicate-attribute"
    /// A block declared twice (same type and label) or a single block given twice.
    case duplicateBlock = "duplicate-block"
    /// A required attribute or block that is absent.
    case missingAttribute = "missing-attribute"
    /// A value of the wrong kind (a string where a size belongs).
    case typeMismatch = "type-mismatch"
    /// A quantity whose unit is not one the language knows.
    case unknownUnit = "unknown-unit"
    /// A value of the right kind that is not allowed (an unknown enum member, a negative count).
    case invalidValue = "invalid-value"
    /// A `source`, `target`, `from` or `rack` that names nothing declared.
    case unknownReference = "unknown-reference"

    /// Rules order by name, so listings are alphabetical and stable.
    public static func < (lhs: RuleName, rhs: RuleName) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
