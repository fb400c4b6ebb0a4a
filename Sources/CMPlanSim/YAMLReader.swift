import CMPlanModel
/// Reads the block-style YAML cmplanc writes (and only that): mappings, sequences of
/// scalars or mappings, `{}` and `[]`, plain and double-quoted scalars, `#` comment lines.
/// The simulator uses it to apply the very manifests the runbook applies.
public enum YAMLReader {
    /// Why a document could not be read.
    public struct Failure: Error, Sendable {
        /// What went wrong, with the line.
        public var message: String
    }

    private struct Line {
        var indent: Int
        var text: Substring
        var number: Int
    }

    /// Parses one document.
    public static func parse(_ text: String) throws(Failure) -> Tree {
        var lines: [Line] = []
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = raw.drop { $0 == " " }
            if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed == "---" { continue }
            lines.append(Line(indent: raw.count - trimmed.count, text: trimmed, number: number + 1))
        }
        var position = 0
        guard !lines.isEmpty else { return .map([:]) }
        return try block(&lines, &position, indent: lines[0].indent)
    }

    private static func block(_ lines: inout [Line], _ position: inout Int, indent: Int) throws(Failure) -> Tree {
        guard position < lines.count else { return .null }
        if lines[position].text.hasPrefix("- ") || lines[position].text == "-" {
            var items: [Tree] = []
            while position < lines.count, lines[position].indent == indent, lines[position].text.hasPrefix("-") {
                let rest = lines[position].text.dropFirst(2)
                // A key ends at a `: ` or final `:` outside quotes; a quoted scalar may hold both.
                if keyEnd(rest) != nil {
                    // A mapping inside the item: re-read its first key at the item's inner indent.
                    lines[position] = Line(indent: indent + 2, text: rest, number: lines[position].number)
                    items.append(try mapping(&lines, &position, indent: indent + 2))
                } else {
                    items.append(try scalar(rest, line: lines[position].number))
                    position += 1
                }
            }
            return .list(items)
        }
        return try mapping(&lines, &position, indent: indent)
    }

    private static func mapping(_ lines: inout [Line], _ position: inout Int, indent: Int) throws(Failure) -> Tree {
        var members: [String: Tree] = [:]
        while position < lines.count, lines[position].indent == indent, !lines[position].text.hasPrefix("- ") {
            let line = lines[position]
            guard let colon = keyEnd(line.text) else { throw Failure(message: "line \(line.number): expected key: value") }
            let key = try unquote(line.text[..<colon], line: line.number)
            let rest = line.text[line.text.index(after: colon)...].drop { $0 == " " }
            position += 1
            if rest.isEmpty {
                if position < lines.count, lines[position].indent > indent
                    || (lines[position].indent == indent && lines[position].text.hasPrefix("- "))
                {
                    members[key] = try block(&lines, &position, indent: lines[position].indent)
                } else {
                    members[key] = .null
                }
            } else {
                members[key] = try scalar(rest, line: line.number)
            }
        }
        if position < lines.count, lines[position].indent > indent {
            throw Failure(message: "line \(lines[position].number): unexpected indentation")
        }
        return .map(members)
    }

    /// The index of the `:` that ends a key (outside quotes).
    private static func keyEnd(_ text: Substring) -> Substring.Index? {
        var inQuotes = false
        var escaped = false
        for index in text.indices {
            let character = text[index]
            if escaped { escaped = false; continue }
            if character == "\\" { escaped = true; continue }
            if character == "\"" { inQuotes.toggle(); continue }
            if character == ":" && !inQuotes {
                let next = text.index(after: index)
                if next == text.endIndex || text[next] == " " { return index }
            }
        }
        return nil
    }

    private static func scalar(_ text: Substring, line: Int) throws(Failure) -> Tree {
        switch text {
        case "{}": return .map([:])
        case "[]": return .list([])
        case "true": return .bool(true)
        case "false": return .bool(false)
        default:
            if text.hasPrefix("\"") { return .string(try unquote(text, line: line)) }
            if let number = Int(text) { return .integer(number) }
            return .string(String(text))
        }
    }

    private static func unquote(_ text: Substring, line: Int) throws(Failure) -> String {
        guard text.hasPrefix("\"") else { return String(text) }
        guard text.count >= 2, text.hasSuffix("\"") else { throw Failure(message: "line \(line): unterminated string") }
        var result = ""
        var iterator = text.dropFirst().dropLast().unicodeScalars.makeIterator()
        while let scalar = iterator.next() {
            guard scalar == "\\" else {
                result.unicodeScalars.append(scalar)
                continue
            }
            switch iterator.next() {
            case "n": result += "\n"
            case "t": result += "\t"
            case "\"": result += "\""
            case "\\": result += "\\"
            case "x":
                var hex = ""
                for _ in 0..<2 { if let digit = iterator.next() { hex.unicodeScalars.append(digit) } }
                if let value = UInt32(hex, radix: 16), let decoded = Unicode.Scalar(value) { result.unicodeScalars.append(decoded) }
            default: throw Failure(message: "line \(line): unknown escape")
            }
        }
        return result
    }
}
