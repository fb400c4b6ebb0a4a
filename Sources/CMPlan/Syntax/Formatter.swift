/// Prints a syntax tree in the canonical layout: two-space indent, `=` aligned within a
/// block, one blank line between top-level blocks, labels quoted, comments where they were.
///
/// Formatting its own output changes nothing (tested on every plan in the repository).
/// Only trees without syntax errors are formatted; the caller checks.
public enum Formatter {
    /// The canonical text of a file.
    public static func format(_ file: SyntaxFile) -> String {
        var printer = Printer()
        for (index, item) in file.items.enumerated() {
            if index > 0 {
                let previousIsComment = if case .comments = file.items[index - 1] { true } else { false }
                if !previousIsComment || item.blankLineBefore {
                    printer.blankLine()
                }
            }
            printer.item(item, indent: 0, nameWidth: 0)
        }
        return printer.output
    }

    /// Formats source text; nil when it has syntax errors (those come back instead).
    public static func format(_ source: SourceFile) -> Result<String, FormatFailure> {
        let (tree, diagnostics) = Parser.parse(source)
        if diagnostics.contains(where: { $0.severity == .error }) {
            return .failure(FormatFailure(diagnostics: diagnostics))
        }
        return .success(format(tree))
    }
}

/// The syntax errors that kept a file from being formatted.
public struct FormatFailure: Error, Sendable {
    /// The errors, to be rendered by the caller.
    public var diagnostics: [Diagnostic]
}

/// Accumulates formatted lines.
private struct Printer {
    var output = ""

    mutating func blankLine() {
        output += "\n"
    }

    mutating func line(_ text: String, indent: Int) {
        output += String(repeating: " ", count: indent) + text + "\n"
    }

    mutating func comments(_ comments: [Comment], indent: Int) {
        for comment in comments { line(comment.text, indent: indent) }
    }

    mutating func item(_ item: BodyItem, indent: Int, nameWidth: Int, commentColumn: Int = 0) {
        switch item {
        case .attribute(let attribute):
            let code = attributeCode(attribute, indent: indent, nameWidth: nameWidth)
            if let comment = attribute.trailingComment {
                line(code.padding(toLength: commentColumn) + " " + comment.text, indent: indent)
            } else {
                line(code, indent: indent)
            }
        case .block(let block):
            self.block(block, indent: indent)
        case .comments(let group):
            comments(group.comments, indent: indent)
        }
    }

    /// `name = value` without the trailing comment.
    func attributeCode(_ attribute: Attribute, indent: Int, nameWidth: Int) -> String {
        let name = attribute.name.name.padding(toLength: Swift.max(nameWidth, attribute.name.name.count))
        return name + " = " + value(attribute.value, indent: indent)
    }

    /// For each item, the column its trailing comment starts at: within a run of consecutive
    /// one-line attributes, comments line up after the longest commented line (as gofmt does).
    func commentColumns(_ items: [BodyItem], indent: Int, nameWidth: Int) -> [Int] {
        var columns = Array(repeating: 0, count: items.count)
        var runStart = 0
        func close(_ end: Int) {
            var width = 0
            for index in runStart..<end {
                if case .attribute(let attribute) = items[index], attribute.trailingComment != nil {
                    width = Swift.max(width, attributeCode(attribute, indent: indent, nameWidth: nameWidth).count)
                }
            }
            for index in runStart..<end { columns[index] = width }
        }
        for (index, item) in items.enumerated() {
            let oneLine: Bool
            if case .attribute(let attribute) = item {
                oneLine = !attributeCode(attribute, indent: indent, nameWidth: nameWidth).contains("\n")
            } else {
                oneLine = false
            }
            if !oneLine || item.blankLineBefore {
                close(index)
                runStart = oneLine ? index : index + 1
            }
        }
        close(items.count)
        return columns
    }

    mutating func block(_ block: Block, indent: Int) {
        var header = block.type.name
        if let label = block.label { header += " " + Self.quoted(label.value) }
        if block.items.isEmpty && block.openComment == nil {
            line(header + " {}" + suffix(block.trailingComment), indent: indent)
            return
        }
        line(header + " {" + suffix(block.openComment), indent: indent)
        let nameWidth = block.attributes.map(\.name.name.count).max() ?? 0
        let columns = commentColumns(block.items, indent: indent + 2, nameWidth: nameWidth)
        for (index, item) in block.items.enumerated() {
            if index > 0 && item.blankLineBefore { blankLine() }
            self.item(item, indent: indent + 2, nameWidth: nameWidth, commentColumn: columns[index])
        }
        line("}" + suffix(block.trailingComment), indent: indent)
    }

    func suffix(_ comment: Comment?) -> String {
        comment.map { " " + $0.text } ?? ""
    }

    /// A value's text; multi-line lists and maps end at `indent`.
    func value(_ value: Value, indent: Int) -> String {
        switch value.kind {
        case .string(let text): return Self.quoted(text)
        case .number(let text): return text
        case .quantity(let number, let unit, _): return number + unit
        case .identifier(let name): return name
        case .bool(let flag): return flag ? "true" : "false"
        case .invalid: return "<invalid>"
        case .list(let list): return self.list(list, indent: indent)
        case .map(let map): return self.map(map, indent: indent)
        }
    }

    func list(_ list: ListValue, indent: Int) -> String {
        guard list.isMultiline else {
            return "[" + list.elements.map { value($0.value, indent: indent) }.joined(separator: ", ") + "]"
        }
        let inner = String(repeating: " ", count: indent + 2)
        var text = "[\n"
        for element in list.elements {
            for comment in element.leadingComments { text += inner + comment.text + "\n" }
            text += inner + value(element.value, indent: indent + 2) + "," + suffix(element.trailingComment) + "\n"
        }
        for comment in list.closingComments { text += inner + comment.text + "\n" }
        return text + String(repeating: " ", count: indent) + "]"
    }

    func map(_ map: MapValue, indent: Int) -> String {
        func key(_ entry: MapEntry) -> String {
            entry.keyIsQuoted ? Self.quoted(entry.key.name) : entry.key.name
        }
        guard map.isMultiline else {
            if map.entries.isEmpty { return "{}" }
            let entries = map.entries.map { key($0) + " = " + value($0.value, indent: indent) }
            return "{ " + entries.joined(separator: ", ") + " }"
        }
        let inner = String(repeating: " ", count: indent + 2)
        let width = map.entries.map { key($0).count }.max() ?? 0
        var text = "{\n"
        for entry in map.entries {
            for comment in entry.leadingComments { text += inner + comment.text + "\n" }
            text += inner + key(entry).padding(toLength: width) + " = " + value(entry.value, indent: indent + 2)
                + suffix(entry.trailingComment) + "\n"
        }
        for comment in map.closingComments { text += inner + comment.text + "\n" }
        return text + String(repeating: " ", count: indent) + "}"
    }

    /// A string literal with the language's escapes.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}

extension String {
    /// The string padded with spaces on the right to a number of characters.
    fileprivate func padding(toLength length: Int) -> String {
        let missing = length - count
        return missing > 0 ? self + String(repeating: " ", count: missing) : self
    }
}
