/// The generic tree the parser yields: blocks, attributes and values with their ranges,
/// and the comments and blank lines the formatter must keep. It knows nothing of clusters.
public struct SyntaxFile: Sendable, Hashable {
    /// Top-level items: blocks and comment groups (an attribute here is a syntax error).
    public var items: [BodyItem]
}

/// One item inside a block body (or at the top level).
public enum BodyItem: Sendable, Hashable {
    /// `name = value`
    case attribute(Attribute)
    /// `type "label" { ... }`
    case block(Block)
    /// Comment lines standing on their own.
    case comments(CommentGroup)

    /// Whether the source had a blank line just before this item.
    public var blankLineBefore: Bool {
        switch self {
        case .attribute(let attribute): return attribute.blankLineBefore
        case .block(let block): return block.blankLineBefore
        case .comments(let group): return group.blankLineBefore
        }
    }
}

/// A name with its range: a block type, an attribute name or a map key.
public struct Identifier: Sendable, Hashable {
    /// The name as written.
    public var name: String
    /// Where it is.
    public var range: SourceRange
}

/// A block's label: `cluster "old"` or `cluster old`.
public struct BlockLabel: Sendable, Hashable {
    /// The label's value (a string's decoded text).
    public var value: String
    /// Where it is.
    public var range: SourceRange
}

/// `type [label] { items }`.
public struct Block: Sendable, Hashable {
    /// The block type (`cluster`, `datacenter`...).
    public var type: Identifier
    /// The label, if any.
    public var label: BlockLabel?
    /// The items in the body.
    public var items: [BodyItem]
    /// A comment on the line of the opening `{`.
    public var openComment: Comment?
    /// A comment on the line of the closing `}`.
    public var trailingComment: Comment?
    /// Whether a blank line came before the block.
    public var blankLineBefore: Bool
    /// From the type to the closing `}` (or the end of what was parsed).
    public var range: SourceRange
    /// The type and label: where block-level diagnostics point.
    public var headerRange: SourceRange

    /// The attributes directly in the body.
    public var attributes: [Attribute] {
        items.compactMap { if case .attribute(let attribute) = $0 { attribute } else { nil } }
    }

    /// The blocks directly in the body.
    public var blocks: [Block] {
        items.compactMap { if case .block(let block) = $0 { block } else { nil } }
    }

    /// How the block is named in messages: `cluster "old"`.
    public var displayName: String {
        if let label { return "\(type.name) \"\(label.value)\"" }
        return type.name
    }
}

/// `name = value`.
public struct Attribute: Sendable, Hashable {
    /// The attribute name.
    public var name: Identifier
    /// The value.
    public var value: Value
    /// A comment after the value on the same line.
    public var trailingComment: Comment?
    /// Whether a blank line came before the attribute.
    public var blankLineBefore: Bool
    /// From the name to the end of the value.
    public var range: SourceRange { name.range.union(value.range) }
}

/// A run of comment lines with nothing else on them.
public struct CommentGroup: Sendable, Hashable {
    /// The comments, one per line.
    public var comments: [Comment]
    /// Whether a blank line came before the group.
    public var blankLineBefore: Bool
}

/// A value with its range.
public struct Value: Sendable, Hashable {
    /// What the value is.
    public var kind: ValueKind
    /// Where it is.
    public var range: SourceRange
}

/// The kinds of value of language.md section 2.
public indirect enum ValueKind: Sendable, Hashable {
    /// A string's decoded text.
    case string(String)
    /// A number as written.
    case number(String)
    /// A quantity: the number and the unit as written, and where the unit starts.
    case quantity(number: String, unit: String, unitRange: SourceRange)
    /// A bare identifier: an enum member or a reference.
    case identifier(String)
    /// `true` or `false`.
    case bool(Bool)
    /// `[a, b]`
    case list(ListValue)
    /// `{ k = v }`
    case map(MapValue)
    /// A value the parser could not read; it has already been reported.
    case invalid

    /// Whether the value is a plain number (no unit).
    public var isNumber: Bool {
        if case .number = self { return true }
        return false
    }

    /// How the kind is named in type-mismatch messages.
    public var description: String {
        switch self {
        case .string: return "a string"
        case .number: return "a number"
        case .quantity: return "a quantity"
        case .identifier(let name): return "the name \(name)"
        case .bool: return "a boolean"
        case .list: return "a list"
        case .map: return "a map"
        case .invalid: return "an unreadable value"
        }
    }
}

/// `[ ... ]` with comments kept.
public struct ListValue: Sendable, Hashable {
    /// The elements in order.
    public var elements: [ListElement]
    /// Comment lines before the closing `]`.
    public var closingComments: [Comment]
    /// Whether the list spans several lines (the formatter keeps it so).
    public var isMultiline: Bool
}

/// A list element or map entry, which may end its line with a comment.
public protocol CarriesTrailingComment {
    /// The comment after it on its line.
    var trailingComment: Comment? { get set }
}

/// One list element with its comments.
public struct ListElement: Sendable, Hashable, CarriesTrailingComment {
    /// Comment lines before the element.
    public var leadingComments: [Comment]
    /// The element.
    public var value: Value
    /// A comment after the element on its line.
    public var trailingComment: Comment?
}

/// `{ key = value, ... }` with comments kept.
public struct MapValue: Sendable, Hashable {
    /// The entries in order.
    public var entries: [MapEntry]
    /// Comment lines before the closing `}`.
    public var closingComments: [Comment]
    /// Whether the map spans several lines (the formatter keeps it so).
    public var isMultiline: Bool
}

/// One map entry with its comments.
public struct MapEntry: Sendable, Hashable, CarriesTrailingComment {
    /// Comment lines before the entry.
    public var leadingComments: [Comment]
    /// The key (an identifier or a string's text).
    public var key: Identifier
    /// Whether the key was written as a string.
    public var keyIsQuoted: Bool
    /// The value.
    public var value: Value
    /// A comment after the entry on its line.
    public var trailingComment: Comment?
}
