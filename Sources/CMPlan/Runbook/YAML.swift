/// A YAML document as a value, and the small writer that prints it in block style with
/// every scalar that needs it double-quoted (`"3.11"`, `"on"`, `"*"`, `"a: b"`), so no value
/// from a plan can change a manifest's structure or type.
public indirect enum YAML: Sendable, Hashable {
    /// A string.
    case string(String)
    /// An integer.
    case integer(Int)
    /// A boolean.
    case bool(Bool)
    /// A mapping whose keys keep their order.
    case map([YAMLEntry])
    /// A sequence.
    case list([YAML])

    /// The document as text, ending in a newline.
    public var text: String {
        var output = ""
        write(to: &output, indent: 0, inSequence: false)
        return output
    }

    private func write(to output: inout String, indent: Int, inSequence: Bool) {
        let pad = String(repeating: " ", count: indent)
        switch self {
        case .string, .integer, .bool:
            output += scalarText + "\n"
        case .map(let entries):
            if entries.isEmpty {
                output += "{}\n"
                return
            }
            for (index, entry) in entries.enumerated() {
                if !(inSequence && index == 0) { output += pad }
                output += YAML.quotedIfNeeded(entry.key) + ":"
                switch entry.value {
                case .map(let inner) where !inner.isEmpty:
                    output += "\n"
                    entry.value.write(to: &output, indent: indent + 2, inSequence: false)
                case .list(let inner) where !inner.isEmpty:
                    output += "\n"
                    entry.value.write(to: &output, indent: indent, inSequence: false)
                default:
                    output += " "
                    entry.value.write(to: &output, indent: indent + 2, inSequence: false)
                }
            }
        case .list(let elements):
            if elements.isEmpty {
                output += "[]\n"
                return
            }
            for element in elements {
                output += pad + "- "
                element.write(to: &output, indent: indent + 2, inSequence: true)
            }
        }
    }

    /// A scalar's text (collections have none).
    private var scalarText: String {
        switch self {
        case .string(let text): return YAML.quotedIfNeeded(text)
        case .integer(let number): return String(number)
        case .bool(let flag): return flag ? "true" : "false"
        case .map, .list: return ""
        }
    }

    /// Words YAML 1.1 or 1.2 parsers read as booleans or null.
    static let reservedWords: Set<String> = [
        "y", "yes", "n", "no", "true", "false", "on", "off", "null", "~",
    ]

    /// The string as a plain scalar when that is unambiguous, otherwise double-quoted.
    public static func quotedIfNeeded(_ text: String) -> String {
        isPlainSafe(text) ? text : doubleQuoted(text)
    }

    /// Plain only for `[A-Za-z/][A-Za-z0-9_./-]*` that no YAML parser reads as anything else
    /// (placeholders such as `__CMPLAN_ZONE__` stay quoted, so what fills them stays a string).
    static func isPlainSafe(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, !reservedWords.contains(text.lowercased()) else { return false }
        let isLetter: (Unicode.Scalar) -> Bool = { ("a"..."z").contains($0) || ("A"..."Z").contains($0) }
        guard isLetter(first) || first == "/" else { return false }
        return text.unicodeScalars.allSatisfy { isLetter($0) || ("0"..."9").contains($0) || "_./-".unicodeScalars.contains($0) }
    }

    /// A double-quoted scalar with JSON-compatible escapes.
    static func doubleQuoted(_ text: String) -> String {
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F }) { return "\"" + text + "\"" }
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\t": output += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16)
                output += "\\x" + (hex.count == 1 ? "0" : "") + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output + "\""
    }
}

/// One `key: value` of a YAML mapping.
public struct YAMLEntry: Sendable, Hashable {
    /// The key.
    public var key: String
    /// The value.
    public var value: YAML

    /// Creates an entry.
    public init(_ key: String, _ value: YAML) {
        self.key = key
        self.value = value
    }
}

extension YAML: ExpressibleByStringLiteral {
    /// A string literal is a string scalar.
    public init(stringLiteral value: String) { self = .string(value) }
}

extension YAML: ExpressibleByIntegerLiteral {
    /// An integer literal is an integer scalar.
    public init(integerLiteral value: Int) { self = .integer(value) }
}

extension YAML: ExpressibleByBooleanLiteral {
    /// A boolean literal is a boolean scalar.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension YAML: ExpressibleByArrayLiteral {
    /// An array literal is a sequence.
    public init(arrayLiteral elements: YAML...) { self = .list(elements) }
}

extension YAML: ExpressibleByDictionaryLiteral {
    /// A dictionary literal is a mapping in the order written.
    public init(dictionaryLiteral elements: (String, YAML)...) { self = .map(elements.map { YAMLEntry($0.0, $0.1) }) }
}
