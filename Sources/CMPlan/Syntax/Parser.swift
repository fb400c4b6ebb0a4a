/// Builds the generic syntax tree from tokens, reporting every syntax error it meets.
///
/// Recursive descent with recovery at attribute and block boundaries (Go's go/parser is the
/// model): after an error it skips to the end of the line (brackets balanced) or to the `}`
/// that closes the current block, and goes on, so one run reports every mistake. Nesting is
/// capped, so no input can exhaust the stack; skipping is iterative.
public struct Parser {
    /// Deepest nesting of blocks and values accepted (the schema needs four).
    public static let maxDepth = 32

    private let file: SourceFile
    private var lexer: Lexer
    private var lookahead: [Token]
    private var previous: Token?
    private var sink = DiagnosticSink()
    private var reportedUnclosedAtEnd = false

    private init(file: SourceFile) {
        self.file = file
        lexer = Lexer(file: file)
        let first = lexer.next()
        lookahead = [first]
    }

    /// Parses a whole file into a tree and the syntax diagnostics found on the way.
    public static func parse(_ file: SourceFile) -> (tree: SyntaxFile, diagnostics: [Diagnostic]) {
        let (tree, sink) = parseCollecting(file)
        return (tree, sink.finished(endOfFile: file.position(at: file.bytes.count)))
    }

    /// Parses a file, returning the capped diagnostics unfinished so later stages can add theirs.
    static func parseCollecting(_ file: SourceFile) -> (tree: SyntaxFile, sink: DiagnosticSink) {
        var parser = Parser(file: file)
        let items = parser.parseItems(depth: 0, topLevel: true)
        var sink = parser.lexer.sink
        sink.absorb(parser.sink)
        return (SyntaxFile(items: items), sink)
    }

    // MARK: tokens

    private var current: Token { lookahead[0] }

    private mutating func peek(_ ahead: Int) -> Token {
        while lookahead.count <= ahead {
            if lookahead.last?.kind == .endOfFile { return lookahead[lookahead.count - 1] }
            lookahead.append(lexer.next())
        }
        return lookahead[ahead]
    }

    private mutating func advance() {
        previous = lookahead[0]
        if lookahead.count > 1 {
            lookahead.removeFirst()
        } else if lookahead[0].kind != .endOfFile {
            lookahead[0] = lexer.next()
        }
    }

    private mutating func error(_ message: String, at range: SourceRange, notes: [Note] = [], help: String? = nil) {
        sink.add(.error(.syntax, message, at: range, notes: notes, help: help))
    }

    /// Whether a comment on the current newline shares its line with the token just consumed.
    private func commentIsTrailing(_ comment: Comment) -> Bool {
        guard let previous, previous.kind != .newline else { return false }
        return previous.range.end.line == comment.range.start.line
    }

    // MARK: recovery

    /// Skips to the end of the current line with brackets balanced, consuming the newline;
    /// stops before a `}` that would close the enclosing block.
    private mutating func skipToLineEnd() {
        var depth = 0
        while true {
            switch current.kind {
            case .endOfFile:
                return
            case .newline:
                advance()
                if depth == 0 { return }
            case .leftBrace, .leftBracket:
                depth += 1
                advance()
            case .rightBrace:
                if depth == 0 { return }
                depth -= 1
                advance()
            case .rightBracket:
                if depth > 0 { depth -= 1 }
                advance()
            default:
                advance()
            }
        }
    }

    /// Skips past the bracket that closes a list or map whose contents went wrong. Stops
    /// early, without consuming, at a `}` closing the enclosing block, at the end of input,
    /// or at a line that starts a new attribute (the closing bracket was probably forgotten).
    private mutating func skipToClosing(_ closing: TokenKind) {
        var depth = 0
        while true {
            switch current.kind {
            case .endOfFile:
                return
            case .leftBrace, .leftBracket:
                depth += 1
            case closing where depth == 0:
                advance()
                return
            case .rightBrace where depth == 0:
                return
            case .rightBrace, .rightBracket:
                if depth > 0 { depth -= 1 }
            case .identifier where depth == 0 && previous?.kind == .newline && peek(1).kind == .equals:
                return
            default:
                break
            }
            advance()
        }
    }

    /// Skips a whole `{ ... }` (balanced) that is nested too deeply to parse.
    private mutating func skipBalancedBlock() {
        var depth = 0
        while current.kind != .endOfFile {
            switch current.kind {
            case .leftBrace, .leftBracket: depth += 1
            case .rightBrace, .rightBracket:
                depth -= 1
                if depth <= 0 {
                    advance()
                    return
                }
            default: break
            }
            advance()
        }
    }

    // MARK: bodies

    private mutating func parseItems(depth: Int, topLevel: Bool) -> [BodyItem] {
        var items: [BodyItem] = []
        var pending: [Comment] = []
        var pendingBlankBefore = false
        var blank = false

        func flush(_ items: inout [BodyItem]) {
            guard !pending.isEmpty else { return }
            items.append(.comments(CommentGroup(comments: pending, blankLineBefore: pendingBlankBefore)))
            pending = []
        }

        while true {
            switch current.kind {
            case .newline:
                if let comment = current.comment {
                    if pending.isEmpty {
                        pendingBlankBefore = blank
                    } else if blank {
                        flush(&items)
                        pendingBlankBefore = true
                    }
                    pending.append(comment)
                    blank = false
                } else {
                    blank = true
                }
                advance()
            case .endOfFile:
                flush(&items)
                return items
            case .rightBrace:
                if !topLevel {
                    flush(&items)
                    return items
                }
                error(
                    "unexpected '}' with no block open", at: current.range,
                    help: "remove it, or check the block above for a '}' too many")
                advance()
            case .identifier:
                flush(&items)
                if let item = parseItem(depth: depth, blankLineBefore: blank, topLevel: topLevel) {
                    items.append(item)
                }
                blank = false
            case .invalid:
                skipToLineEnd()  // already reported by the lexer
            default:
                error(
                    topLevel
                        ? "expected a block such as plan \"name\" { ... }, found \(current.description)"
                        : "expected an attribute or a block, found \(current.description)",
                    at: current.range,
                    help: "each line holds one attribute (name = value) or opens a block (name \"label\" {)")
                skipToLineEnd()
            }
        }
    }

    /// Whether the tokens from `start` on are blank lines followed by `{` (a block whose
    /// brace slipped to the next line).
    private mutating func newlinesThenBrace(from start: Int = 0) -> Bool {
        var ahead = start
        while ahead < 64, peek(ahead).kind == .newline, peek(ahead).comment == nil { ahead += 1 }
        return ahead > start && peek(ahead).kind == .leftBrace
    }

    private mutating func parseItem(depth: Int, blankLineBefore: Bool, topLevel: Bool) -> BodyItem? {
        let name = current
        let shownName = Lexer.shown(name.text)
        switch peek(1).kind {
        case .equals:
            let attribute = parseAttribute(depth: depth, blankLineBefore: blankLineBefore)
            if topLevel {
                error(
                    "attribute '\(shownName)' outside of any block", at: name.range,
                    help: "move it into the block it belongs to, e.g. plan \"name\" { \(shownName) = ... }")
            }
            return attribute.map(BodyItem.attribute)
        case .leftBrace, .string, .identifier:
            return parseBlock(depth: depth, blankLineBefore: blankLineBefore).map(BodyItem.block)
        case .newline where peek(1).comment == nil && newlinesThenBrace(from: 1):
            return parseBlock(depth: depth, blankLineBefore: blankLineBefore).map(BodyItem.block)
        default:
            let found = peek(1)
            if found.kind != .invalid {
                error(
                    "expected '=' or '{' after '\(shownName)', found \(found.description)", at: found.range,
                    notes: [Note("'\(shownName)' starts here", at: name.range)],
                    help: "write \(shownName) = value to set an attribute, or \(shownName) \"label\" { to open a block")
            }
            advance()
            skipToLineEnd()
            return nil
        }
    }

    private mutating func parseAttribute(depth: Int, blankLineBefore: Bool) -> Attribute? {
        let nameToken = current
        advance()  // name
        advance()  // =
        let (value, ok) = parseValue(depth: depth + 1, after: nameToken)
        var attribute = Attribute(
            name: Identifier(name: nameToken.text, range: nameToken.range), value: value,
            trailingComment: nil, blankLineBefore: blankLineBefore)
        guard ok else {
            skipToLineEnd()
            return attribute
        }
        switch current.kind {
        case .newline:
            attribute.trailingComment = current.comment
            advance()
        case .rightBrace, .endOfFile:
            break
        case .identifier where value.kind.isNumber && current.range.start.line == value.range.end.line:
            error(
                "a space separates the number from its unit '\(current.text)'", at: value.range.union(current.range),
                help: "write the unit right after the number: \(nameToken.text) = \(file.text(of: value.range))\(current.text)")
            attribute.value.kind = .invalid
            skipToLineEnd()
        default:
            error(
                "expected the end of the line after the value of '\(Lexer.shown(nameToken.text))', found \(current.description)",
                at: current.range,
                help: "put one attribute per line; write lists as [\"a\", \"b\"] and text in double quotes")
            attribute.value.kind = .invalid
            skipToLineEnd()
        }
        return attribute
    }

    private mutating func parseBlock(depth: Int, blankLineBefore: Bool) -> Block? {
        let typeToken = current
        advance()
        var label: BlockLabel?
        if current.kind == .string || current.kind == .identifier {
            label = BlockLabel(value: current.text, range: current.range)
            advance()
        }
        let headerRange = typeToken.range.union(label?.range ?? typeToken.range)
        let shown = Lexer.shown(label.map { "\(typeToken.text) \"\($0.value)\"" } ?? typeToken.text)
        if current.kind == .newline, current.comment == nil, newlinesThenBrace() {
            error(
                "the '{' of block \(shown) must be on the same line as its name", at: headerRange,
                help: "move the '{' up to the end of line \(headerRange.start.line)")
            while current.kind == .newline { advance() }
        }
        guard current.kind == .leftBrace else {
            if current.kind == .invalid {
                skipToLineEnd()
                return nil
            }
            if let label, [.newline, .endOfFile, .rightBrace].contains(current.kind) {
                // `name "value"` at the end of a line is an attribute without its `=`.
                let name = Lexer.shown(typeToken.text)
                error(
                    "expected '=' between '\(name)' and its value", at: label.range,
                    help: "write \(name) = \(file.text(of: label.range)) to set an attribute, or add '{' to open a block")
                skipToLineEnd()
                return nil
            }
            error(
                "expected '{' after block \(shown), found \(current.description)", at: current.range,
                notes: [Note("block \(shown) starts here", at: headerRange)],
                help: "a block label is one string or name, followed by '{' on the same line")
            skipToLineEnd()
            return nil
        }
        guard depth < Self.maxDepth else {
            error(
                "blocks nested too deeply (more than \(Self.maxDepth) levels)", at: headerRange,
                help: "a plan nests at most four levels: cluster, datacenter, node")
            skipBalancedBlock()
            return nil
        }
        let open = current
        advance()
        var block = Block(
            type: Identifier(name: typeToken.text, range: typeToken.range), label: label, items: [],
            openComment: nil, trailingComment: nil, blankLineBefore: blankLineBefore,
            range: typeToken.range.union(open.range), headerRange: headerRange)
        if current.kind == .newline {
            block.openComment = current.comment
            advance()
        }
        block.items = parseItems(depth: depth + 1, topLevel: false)
        if current.kind == .rightBrace {
            block.range = block.range.union(current.range)
            advance()
            if current.kind == .newline {
                block.trailingComment = current.comment
                advance()
            }
        } else {
            block.range = block.range.union(current.range)
            if !reportedUnclosedAtEnd {
                reportedUnclosedAtEnd = true
                error(
                    "expected '}' to close block \(shown)", at: current.range,
                    notes: [Note("block \(shown) opened here", at: open.range)],
                    help: "add a '}' after the last item of block \(shown)")
            }
        }
        return block
    }

    // MARK: values

    private mutating func parseValue(depth: Int, after name: Token) -> (Value, Bool) {
        let token = current
        switch token.kind {
        case .string:
            advance()
            return (Value(kind: .string(token.text), range: token.range), true)
        case .number:
            advance()
            return (Value(kind: .number(token.text), range: token.range), true)
        case .quantity:
            advance()
            let unitRange = SourceRange(start: token.unitStart ?? token.range.start, end: token.range.end)
            return (Value(kind: .quantity(number: token.text, unit: token.unit, unitRange: unitRange), range: token.range), true)
        case .identifier:
            advance()
            switch token.text {
            case "true": return (Value(kind: .bool(true), range: token.range), true)
            case "false": return (Value(kind: .bool(false), range: token.range), true)
            default: return (Value(kind: .identifier(token.text), range: token.range), true)
            }
        case .leftBracket, .leftBrace:
            guard depth < Self.maxDepth else {
                error(
                    "values nested too deeply (more than \(Self.maxDepth) levels)", at: token.range,
                    help: "plan values are at most a list of strings or a map of numbers")
                skipBalancedBlock()
                return (Value(kind: .invalid, range: token.range), false)
            }
            return token.kind == .leftBracket ? parseList(depth: depth) : parseMap(depth: depth)
        case .invalid:
            return (Value(kind: .invalid, range: token.range), false)
        case .newline, .endOfFile, .rightBrace:
            error(
                "expected a value after '\(Lexer.shown(name.text)) ='", at: SourceRange(at: token.range.start),
                help: "write a value: \"text\", 3, 800GiB, 3m, true, a name, [\"a\", \"b\"] or { key = 1 }")
            return (Value(kind: .invalid, range: SourceRange(at: token.range.start)), false)
        default:
            error(
                "expected a value after '\(Lexer.shown(name.text)) =', found \(token.description)", at: token.range,
                help: "write a value: \"text\", 3, 800GiB, 3m, true, a name, [\"a\", \"b\"] or { key = 1 }")
            return (Value(kind: .invalid, range: token.range), false)
        }
    }

    /// Puts a comment inside a list or map where the formatter will print it again: after
    /// the element on its line, or before the next element.
    private func place<Element: CarriesTrailingComment>(_ comment: Comment, after elements: inout [Element], pending: inout [Comment]) {
        if commentIsTrailing(comment), pending.isEmpty, !elements.isEmpty, elements[elements.count - 1].trailingComment == nil {
            elements[elements.count - 1].trailingComment = comment
        } else {
            pending.append(comment)
        }
    }

    private mutating func parseList(depth: Int) -> (Value, Bool) {
        let open = current
        advance()
        var elements: [ListElement] = []
        var pending: [Comment] = []
        var expectingElement = true
        var sawComment = false
        while true {
            switch current.kind {
            case .newline:
                if let comment = current.comment {
                    sawComment = true
                    place(comment, after: &elements, pending: &pending)
                }
                advance()
            case .rightBracket:
                let close = current
                advance()
                let list = ListValue(
                    elements: elements, closingComments: pending,
                    isMultiline: sawComment || open.range.start.line != close.range.start.line)
                return (Value(kind: .list(list), range: open.range.union(close.range)), true)
            case .endOfFile, .rightBrace:
                return unterminated(open, "list", "]")
            case .identifier where previous?.kind == .newline && peek(1).kind == .equals:
                return unterminated(open, "list", "]")
            case .comma where !expectingElement:
                advance()
                expectingElement = true
            default:
                guard expectingElement else {
                    error(
                        "expected ',' or ']' in the list, found \(current.description)", at: current.range,
                        help: "separate list elements with commas: [\"a\", \"b\"]")
                    skipToClosing(.rightBracket)
                    return (Value(kind: .invalid, range: open.range.union(previous?.range ?? open.range)), false)
                }
                let (value, ok) = parseValue(depth: depth + 1, after: open)
                guard ok else {
                    skipToClosing(.rightBracket)
                    return (Value(kind: .invalid, range: open.range.union(previous?.range ?? open.range)), false)
                }
                elements.append(ListElement(leadingComments: pending, value: value, trailingComment: nil))
                pending = []
                expectingElement = false
            }
        }
    }

    private mutating func unterminated(_ open: Token, _ what: String, _ closer: String) -> (Value, Bool) {
        error(
            "expected '\(closer)' to close the \(what)", at: SourceRange(at: current.range.start),
            notes: [Note("the \(what) opens here", at: open.range)],
            help: "add '\(closer)' after the last element")
        return (Value(kind: .invalid, range: open.range.union(previous?.range ?? open.range)), false)
    }

    private mutating func parseMap(depth: Int) -> (Value, Bool) {
        let open = current
        advance()
        var entries: [MapEntry] = []
        var pending: [Comment] = []
        var expectingEntry = true
        var sawComment = false
        while true {
            switch current.kind {
            case .newline:
                if let comment = current.comment {
                    sawComment = true
                    place(comment, after: &entries, pending: &pending)
                }
                expectingEntry = true
                advance()
            case .rightBrace:
                let close = current
                advance()
                let map = MapValue(
                    entries: entries, closingComments: pending,
                    isMultiline: sawComment || open.range.start.line != close.range.start.line)
                return (Value(kind: .map(map), range: open.range.union(close.range)), true)
            case .endOfFile:
                return unterminated(open, "map", "}")
            case .comma where !expectingEntry:
                advance()
                expectingEntry = true
            case .identifier where expectingEntry, .string where expectingEntry:
                let key = current
                advance()
                guard current.kind == .equals else {
                    error(
                        "expected '=' after the map key '\(Lexer.shown(key.text))', found \(current.description)", at: current.range,
                        help: "write map entries as key = value: { x1 = 3 }")
                    skipToClosing(.rightBrace)
                    return (Value(kind: .invalid, range: open.range.union(previous?.range ?? open.range)), false)
                }
                advance()
                let (value, ok) = parseValue(depth: depth + 1, after: key)
                guard ok else {
                    skipToClosing(.rightBrace)
                    return (Value(kind: .invalid, range: open.range.union(previous?.range ?? open.range)), false)
                }
                entries.append(
                    MapEntry(
                        leadingComments: pending, key: Identifier(name: key.text, range: key.range),
                        keyIsQuoted: key.kind == .string, value: value, trailingComment: nil))
                pending = []
                expectingEntry = false
            default:
                error(
                    expectingEntry
                        ? "expected a map entry (key = value) or '}', found \(current.description)"
                        : "expected ',' or '}' in the map, found \(current.description)",
                    at: current.range,
                    help: "write a map as { key = value, key = value }")
                skipToClosing(.rightBrace)
                return (Value(kind: .invalid, range: open.range.union(previous?.range ?? open.range)), false)
            }
        }
    }
}
