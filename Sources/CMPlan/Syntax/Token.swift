/// The kinds of token the lexer produces (language.md section 1).
public enum TokenKind: Sendable, Hashable {
    /// `[A-Za-z_][A-Za-z0-9_-]*`, including `true` and `false`.
    case identifier
    /// A double-quoted string; the token's text is the decoded value.
    case string
    /// A number without a unit: `3`, `825.07`.
    case number
    /// A number immediately followed by a unit: `1.5TiB`, `3m`, `24MiB/s`.
    case quantity
    /// `{`
    case leftBrace
    /// `}`
    case rightBrace
    /// `[`
    case leftBracket
    /// `]`
    case rightBracket
    /// `=`
    case equals
    /// `,`
    case comma
    /// The end of a line, carrying the comment that ended it, if any.
    case newline
    /// The end of the input.
    case endOfFile
    /// Bytes that cannot start any token; the lexer has already reported them.
    case invalid
}

/// One token with its exact source range.
public struct Token: Sendable, Hashable {
    /// What kind of token this is.
    public var kind: TokenKind
    /// Where it is.
    public var range: SourceRange
    /// Identifier or number text as written; a string's decoded value; empty for punctuation.
    public var text: String = ""
    /// A quantity's unit as written (`GiB`, `MiB/s`); empty otherwise.
    public var unit: String = ""
    /// For a quantity: where its unit starts.
    public var unitStart: SourcePosition?
    /// For a newline: the `#` comment that ended the line.
    public var comment: Comment?

    /// How the token is named in "expected X, found Y" messages.
    public var description: String {
        switch kind {
        case .identifier: return "'\(Lexer.shown(text))'"
        case .string: return "a string"
        case .number: return "the number \(Lexer.shown(text))"
        case .quantity: return "the quantity \(Lexer.shown(text + unit))"
        case .leftBrace: return "'{'"
        case .rightBrace: return "'}'"
        case .leftBracket: return "'['"
        case .rightBracket: return "']'"
        case .equals: return "'='"
        case .comma: return "','"
        case .newline: return "the end of the line"
        case .endOfFile: return "the end of the file"
        case .invalid: return "an unexpected character"
        }
    }
}

/// A `#` comment, kept so the formatter can put it back where it was.
public struct Comment: Sendable, Hashable {
    /// The comment from `#` to the end of the line, trailing whitespace removed.
    public var text: String
    /// Where it is.
    public var range: SourceRange

    /// Creates a comment.
    public init(text: String, range: SourceRange) {
        self.text = text
        self.range = range
    }
}
