/// Renders diagnostics for machines: one JSON object per line (language.md section 7).
public enum JSONLinesRenderer {
    /// Every diagnostic of a file, one object per line.
    public static func render(_ set: FileDiagnostics) -> String {
        set.diagnostics.map { object(for: $0, path: set.file.path).compact + "\n" }.joined()
    }

    /// The JSON object of one diagnostic.
    public static func object(for diagnostic: Diagnostic, path: String) -> JSONValue {
        var members: [(String, JSONValue)] = [("file", .string(path))]
        members += rangeMembers(diagnostic.range)
        members += [
            ("severity", .string(diagnostic.severity.rawValue)),
            ("rule", .string(diagnostic.rule.rawValue)),
            ("message", .string(diagnostic.message)),
        ]
        if let help = diagnostic.help { members.append(("help", .string(help))) }
        if !diagnostic.notes.isEmpty {
            members.append(
                (
                    "notes",
                    .array(
                        diagnostic.notes.map { note in
                            .object([("message", .string(note.message))] + (note.range.map(rangeMembers) ?? []))
                        })
                ))
        }
        return .object(members)
    }

    static func rangeMembers(_ range: SourceRange) -> [(String, JSONValue)] {
        [
            ("line", .integer(range.start.line)), ("column", .integer(range.start.column)),
            ("endLine", .integer(range.end.line)), ("endColumn", .integer(range.end.column)),
        ]
    }
}
