/// Turns the bytes of a plan into tokens, one at a time, on demand.
///
/// Works on bytes (never on `Character`s) so that it is linear, cheap, and safe on any
/// input: invalid UTF-8, NUL bytes and binary files become diagnostics, not crashes.
/// Comments ride on the newline token that ends their line.
public struct Lexer {
    private let file: SourceFile
    private var index: Int
    private var line = 1
    private var column = 1
    /// Problems found while lexing (unterminated strings, stray characters).
    public private(set) var sink = DiagnosticSink()

    /// Creates a lexer at the start of a file, skipping a UTF-8 byte order mark.
    public init(file: SourceFile) {
        self.file = file
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        index = file.bytes.starts(with: bom) ? 3 : 0
    }

    private var bytes: [UInt8] { file.bytes }

    /// The current position.
    public var position: SourcePosition { SourcePosition(offset: index, line: line, column: column) }

    private func peekByte(_ ahead: Int = 0) -> UInt8? {
        let at = index + ahead
        return at < bytes.count ? bytes[at] : nil
    }

    private mutating func advance() {
        let byte = bytes[index]
        index += 1
        if byte == UInt8(ascii: "\n") {
            line += 1
            column = 1
        } else if byte & 0xC0 != 0x80 {
            column += 1
        }
    }

    private func range(from start: SourcePosition) -> SourceRange {
        SourceRange(start: start, end: position)
    }

    private mutating func report(_ message: String, _ range: SourceRange, help: String? = nil) {
        sink.add(.error(.syntax, message, at: range, help: help))
    }

    /// Produces the next token; after the end of input, `.endOfFile` forever.
    public mutating func next() -> Token {
        while let byte = peekByte(), byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") {
            advance()
        }
        let start = position
        guard let byte = peekByte() else {
            return Token(kind: .endOfFile, range: SourceRange(at: start))
        }
        switch byte {
        case UInt8(ascii: "\n"):
            advance()
            return Token(kind: .newline, range: range(from: start))
        case UInt8(ascii: "#"):
            return lexComment(start)
        case UInt8(ascii: "{"): advance(); return Token(kind: .leftBrace, range: range(from: start))
        case UInt8(ascii: "}"): advance(); return Token(kind: .rightBrace, range: range(from: start))
        case UInt8(ascii: "["): advance(); return Token(kind: .leftBracket, range: range(from: start))
        case UInt8(ascii: "]"): advance(); return Token(kind: .rightBracket, range: range(from: start))
        case UInt8(ascii: "="): advance(); return Token(kind: .equals, range: range(from: start))
        case UInt8(ascii: ","): advance(); return Token(kind: .comma, range: range(from: start))
        case UInt8(ascii: "\""):
            return lexString(start)
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            return lexNumber(start)
        case _ where Self.isIdentifierStart(byte):
            return lexIdentifier(start)
        default:
            return lexInvalid(start)
        }
    }

    static func isIdentifierStart(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || byte == UInt8(ascii: "_")
    }

    static func isIdentifierContinue(_ byte: UInt8) -> Bool {
        isIdentifierStart(byte) || isDigit(byte) || byte == UInt8(ascii: "-")
    }

    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }

    private mutating func lexComment(_ start: SourcePosition) -> Token {
        let textStart = index
        while let byte = peekByte(), byte != UInt8(ascii: "\n") { advance() }
        var textEnd = index
        while textEnd > textStart, [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r")].contains(bytes[textEnd - 1]) {
            textEnd -= 1
        }
        let slice = bytes[textStart..<textEnd]
        let commentRange = range(from: start)
        if String(validating: slice, as: UTF8.self) == nil {
            report(
                "comment is not valid UTF-8", commentRange,
                help: "save the file as UTF-8 or remove the unreadable bytes")
        }
        let comment = Comment(text: String(decoding: slice, as: UTF8.self), range: commentRange)
        if peekByte() != nil { advance() }
        return Token(kind: .newline, range: range(from: start), comment: comment)
    }

    private mutating func lexIdentifier(_ start: SourcePosition) -> Token {
        let textStart = index
        while let byte = peekByte(), Self.isIdentifierContinue(byte) { advance() }
        let text = String(decoding: bytes[textStart..<index], as: UTF8.self)
        return Token(kind: .identifier, range: range(from: start), text: text)
    }

    private mutating func lexNumber(_ start: SourcePosition) -> Token {
        let textStart = index
        while let byte = peekByte(), Self.isDigit(byte) { advance() }
        if peekByte() == UInt8(ascii: "."), let after = peekByte(1), Self.isDigit(after) {
            advance()
            while let byte = peekByte(), Self.isDigit(byte) { advance() }
        }
        let text = String(decoding: bytes[textStart..<index], as: UTF8.self)
        guard let byte = peekByte(), Self.isLetter(byte) else {
            return Token(kind: .number, range: range(from: start), text: text)
        }
        let unitStart = position
        let unitTextStart = index
        while let byte = peekByte(), Self.isLetter(byte) { advance() }
        if peekByte() == UInt8(ascii: "/"), let after = peekByte(1), Self.isLetter(after) {
            advance()
            while let byte = peekByte(), Self.isLetter(byte) { advance() }
        }
        let unit = String(decoding: bytes[unitTextStart..<index], as: UTF8.self)
        return Token(kind: .quantity, range: range(from: start), text: text, unit: unit, unitStart: unitStart)
    }

    private mutating func lexString(_ start: SourcePosition) -> Token {
        advance()  // opening quote
        var value: [UInt8] = []
        while true {
            guard let byte = peekByte() else {
                report(
                    "unterminated string", range(from: start),
                    help: "add a closing \" before the end of the file")
                break
            }
            if byte == UInt8(ascii: "\n") {
                report(
                    "unterminated string: a string ends on the line it starts", range(from: start),
                    help: "add a closing \" on this line; write \\n for a line break inside a string")
                break
            }
            if byte == UInt8(ascii: "\"") {
                advance()
                break
            }
            if byte == UInt8(ascii: "\\") {
                let escapeStart = position
                advance()
                switch peekByte() {
                case UInt8(ascii: "\""): value.append(UInt8(ascii: "\"")); advance()
                case UInt8(ascii: "\\"): value.append(UInt8(ascii: "\\")); advance()
                case UInt8(ascii: "n"): value.append(UInt8(ascii: "\n")); advance()
                case UInt8(ascii: "t"): value.append(UInt8(ascii: "\t")); advance()
                case .some(let other) where other != UInt8(ascii: "\n"):
                    advance()
                    report(
                        "unknown escape sequence in string", range(from: escapeStart),
                        help: "strings know \\\" \\\\ \\n and \\t; write \\\\ for a backslash")
                default:
                    report(
                        "unknown escape sequence in string", range(from: escapeStart),
                        help: "strings know \\\" \\\\ \\n and \\t; write \\\\ for a backslash")
                }
                continue
            }
            if (byte < 0x20 && byte != UInt8(ascii: "\t")) || byte == 0x7F {
                let controlStart = position
                advance()
                report(
                    "control character in string", range(from: controlStart),
                    help: "remove it; write \\n or \\t for a line break or a tab")
                continue
            }
            value.append(byte)
            advance()
        }
        if String(validating: value, as: UTF8.self) == nil {
            report("string is not valid UTF-8", range(from: start), help: "save the file as UTF-8")
        }
        return Token(kind: .string, range: range(from: start), text: String(decoding: value, as: UTF8.self))
    }

    private mutating func lexInvalid(_ start: SourcePosition) -> Token {
        let first = bytes[index]
        advance()
        if first == UInt8(ascii: "'") {
            // A single-quoted string: one diagnostic for the whole of it, not one per quote.
            while let byte = peekByte(), byte != UInt8(ascii: "'"), byte != UInt8(ascii: "\n") { advance() }
            if peekByte() == UInt8(ascii: "'") { advance() }
            let span = range(from: start)
            report(
                "strings use double quotes, not single quotes", span,
                help: "write \"\(Self.shown(file.text(of: span).trimmingQuotes))\"")
            return Token(kind: .invalid, range: span)
        }
        // Swallow the rest of a run of bytes that cannot start a token, so binary input
        // yields one diagnostic per run instead of one per byte.
        while let byte = peekByte(), !Self.canStartToken(byte) { advance() }
        let span = range(from: start)
        let (message, help) = Self.explainInvalid(first, span: file.text(of: span))
        report(message, span, help: help)
        return Token(kind: .invalid, range: span)
    }

    /// Text shortened for a message: at most 40 characters.
    static func shown(_ text: String) -> String {
        text.count > 40 ? String(text.prefix(40)) + "…" : text
    }

    private static func canStartToken(_ byte: UInt8) -> Bool {
        isIdentifierStart(byte) || isDigit(byte)
            || Array("{}[]=,\"# \t\r\n".utf8).contains(byte)
    }

    private static func explainInvalid(_ byte: UInt8, span: String) -> (String, String) {
        switch byte {
        case UInt8(ascii: "-"), UInt8(ascii: "+"):
            return ("unexpected sign", "numbers have no sign; counts and sizes are never negative")
        case UInt8(ascii: ":"):
            return ("unexpected character ':'", "attributes are set with '=': name = value")
        case UInt8(ascii: ";"):
            return ("unexpected character ';'", "attributes end at the end of the line; remove the ';'")
        case UInt8(ascii: "/"):
            return ("unexpected character '/'", "comments start with '#'")
        case 0x21...0x7E:
            return ("unexpected character '\(shown(span))'", "remove it, or put the text in double quotes")
        default:
            return (
                "unexpected bytes that are not plan text",
                "a plan is UTF-8 text; non-ASCII characters may appear only inside strings and comments"
            )
        }
    }
}

extension String {
    /// The text without the quotes around it.
    fileprivate var trimmingQuotes: String {
        var text = Substring(self)
        if text.first == "'" { text = text.dropFirst() }
        if text.last == "'" { text = text.dropLast() }
        return String(text)
    }
}
