import CMPlan

/// The text of `cmplanc rules` and `cmplanc explain`.
enum RuleListing {
    /// One line per rule: name, severity, summary, aligned.
    static func table() -> String {
        let rules = RuleCatalogue.all
        let width = rules.map(\.name.rawValue.count).max() ?? 0
        return rules.map { rule in
            let name = rule.name.rawValue
            return name + String(repeating: " ", count: width - name.count + 2)
                + rule.severity.rawValue.padding(7) + "  " + rule.summary + "\n"
        }.joined()
    }

    /// The three paragraphs and the example of one rule.
    static func explanation(_ rule: RuleDescription) -> String {
        var text = "\(rule.name.rawValue) (\(rule.severity.rawValue)): \(rule.summary)\n\n"
        text += "What it checks\n" + wrap(rule.checks) + "\n"
        text += "Why it matters\n" + wrap(rule.why) + "\n"
        text += "How to fix it\n" + wrap(rule.fix) + "\n"
        text += "Before\n" + indent(rule.before) + "\nAfter\n" + indent(rule.after)
        return text
    }

    static func indent(_ block: String) -> String {
        block.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 + "\n" }.joined()
    }

    /// Word-wraps a paragraph at 80 columns with a two-space indent.
    static func wrap(_ paragraph: String, width: Int = 78) -> String {
        var lines: [String] = []
        var line = ""
        for word in paragraph.split(separator: " ") {
            if !line.isEmpty && line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines.map { "  " + $0 + "\n" }.joined()
    }
}

extension String {
    fileprivate func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
