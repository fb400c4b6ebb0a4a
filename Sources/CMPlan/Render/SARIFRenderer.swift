/// Renders diagnostics as SARIF 2.1.0 for code scanning: one run, every rule declared with
/// its summary, one result per diagnostic, notes with ranges as related locations.
public enum SARIFRenderer {
    /// The SARIF log of several files' diagnostics.
    public static func render(
        _ sets: [FileDiagnostics], toolVersion: String, rules: [RuleDescription] = RuleCatalogue.all
    ) -> String {
        let ruleIndex = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.name, $0) })
        var results: [JSONValue] = []
        for set in sets {
            for diagnostic in set.diagnostics {
                results.append(result(diagnostic, path: set.file.path, ruleIndex: ruleIndex[diagnostic.rule]))
            }
        }
        let driver: JSONValue = .object([
            ("name", .string("cmplanc")),
            ("version", .string(toolVersion)),
            ("rules", .array(rules.map(rule))),
        ])
        let log: JSONValue = .object([
            ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
            ("version", .string("2.1.0")),
            (
                "runs",
                .array([
                    .object([
                        ("tool", .object([("driver", driver)])),
                        ("columnKind", .string("unicodeCodePoints")),
                        ("results", .array(results)),
                    ])
                ])
            ),
        ])
        return log.pretty
    }

    private static func rule(_ description: RuleDescription) -> JSONValue {
        .object([
            ("id", .string(description.name.rawValue)),
            ("shortDescription", .object([("text", .string(description.summary))])),
            ("fullDescription", .object([("text", .string(description.checks))])),
            ("help", .object([("text", .string(description.fix))])),
            ("defaultConfiguration", .object([("level", .string(description.severity.rawValue))])),
        ])
    }

    private static func result(_ diagnostic: Diagnostic, path: String, ruleIndex: Int?) -> JSONValue {
        var text = diagnostic.message
        if let help = diagnostic.help { text += "\nhelp: " + help }
        var members: [(String, JSONValue)] = [("ruleId", .string(diagnostic.rule.rawValue))]
        if let ruleIndex { members.append(("ruleIndex", .integer(ruleIndex))) }
        members += [
            ("level", .string(diagnostic.severity.rawValue)),
            ("message", .object([("text", .string(text))])),
            ("locations", .array([location(path, diagnostic.range, message: nil, id: nil)])),
        ]
        let related = diagnostic.notes.enumerated().compactMap { index, note in
            note.range.map { location(path, $0, message: note.message, id: index + 1) }
        }
        if !related.isEmpty { members.append(("relatedLocations", .array(related))) }
        return .object(members)
    }

    private static func location(_ path: String, _ range: SourceRange, message: String?, id: Int?) -> JSONValue {
        var members: [(String, JSONValue)] = []
        if let id { members.append(("id", .integer(id))) }
        members.append(
            (
                "physicalLocation",
                .object([
                    ("artifactLocation", .object([("uri", .string(uri(path)))])),
                    (
                        "region",
                        .object([
                            ("startLine", .integer(range.start.line)), ("startColumn", .integer(range.start.column)),
                            ("endLine", .integer(range.end.line)), ("endColumn", .integer(range.end.column)),
                        ])
                    ),
                ])
            ))
        if let message { members.append(("message", .object([("text", .string(message))]))) }
        return .object(members)
    }

    /// A relative path as a URI reference: percent-encodes what a URI cannot hold.
    static func uri(_ path: String) -> String {
        var output = ""
        for byte in path.utf8 {
            let scalar = Unicode.Scalar(byte)
            if byte < 0x80, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "-._~/".unicodeScalars.contains(scalar) {
                output.unicodeScalars.append(scalar)
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                output += hex.count == 1 ? "%0" + hex : "%" + hex
            }
        }
        return output
    }
}
