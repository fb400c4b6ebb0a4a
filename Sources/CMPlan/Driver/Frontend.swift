/// The checking pipeline as one call: parse, decode, then every rule, all findings together.
public enum Frontend {
    /// What the front end made of one file.
    public struct Result: Sendable {
        /// The generic syntax tree (complete or recovered).
        public var tree: SyntaxFile
        /// The typed plan; nil when any error was found.
        public var plan: Plan?
        /// Every finding, sorted by position.
        public var diagnostics: FileDiagnostics
    }

    /// Parses and decodes a file. When the syntax is broken the decoder still runs, so
    /// schema mistakes elsewhere are reported in the same run, but its "missing" and
    /// "unknown reference" findings are dropped: they may only echo text the parser skipped.
    /// Both stages share one cap on the number of findings.
    public static func run(_ file: SourceFile) -> Result {
        let (tree, syntax) = Parser.parseCollecting(file)
        var (plan, schema) = SchemaDecoder.decodeCollecting(tree, file: file)
        var sink = syntax
        if syntax.hasErrors {
            plan = nil
            schema = schema.filtered { $0.rule != .missingAttribute && $0.rule != .unknownReference }
        }
        sink.absorb(schema)
        if let decoded = plan {
            // Every rule runs on a plan that decoded; errors among their findings mean no output.
            sink.add(contentsOf: Rules.check(decoded))
            if sink.hasErrors { plan = nil }
        }
        let diagnostics = sink.finished(endOfFile: file.position(at: file.bytes.count))
        return Result(tree: tree, plan: plan, diagnostics: FileDiagnostics(file: file, diagnostics: diagnostics))
    }
}
