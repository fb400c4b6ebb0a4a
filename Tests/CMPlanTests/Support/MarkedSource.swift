@testable import CMPlan
import Testing

/// A plan snippet with the expected diagnostic positions marked inside it by `‸`, so tests
/// never count lines and columns by hand (swift-format's marker idea).
struct MarkedSource {
    /// The snippet without markers.
    let text: String
    /// Byte offsets of the markers in `text`, in order.
    let offsets: [Int]

    static let marker = "‸"

    init(_ marked: String) {
        var text = ""
        var offsets: [Int] = []
        var remaining = Substring(marked)
        while let range = remaining.range(of: Self.marker) {
            text += remaining[..<range.lowerBound]
            offsets.append(text.utf8.count)
            remaining = remaining[range.upperBound...]
        }
        text += remaining
        self.text = text
        self.offsets = offsets
    }

    var file: SourceFile { SourceFile(path: "test.cmplan", text: text) }
}

/// Runs the front end on a marked snippet and expects exactly the listed rules, in order,
/// each starting at the corresponding marker. Returns the diagnostics for further checks.
@discardableResult
func expectDiagnostics(
    _ marked: String, _ rules: [RuleName], syntaxOnly: Bool = false, sourceLocation: SourceLocation = #_sourceLocation
) -> [Diagnostic] {
    let source = MarkedSource(marked)
    let diagnostics =
        syntaxOnly
        ? FileDiagnostics(file: source.file, diagnostics: Parser.parse(source.file).diagnostics).diagnostics
        : Frontend.run(source.file).diagnostics.diagnostics
    let found = diagnostics.map { "\($0.rule.rawValue)@\($0.range.start.offset): \($0.message)" }
    #expect(diagnostics.map(\.rule) == rules, "found: \(found)", sourceLocation: sourceLocation)
    #expect(source.offsets.count == rules.count, "markers and rules differ in number", sourceLocation: sourceLocation)
    for (diagnostic, offset) in zip(diagnostics, source.offsets) {
        #expect(
            diagnostic.range.start.offset == offset, "\(diagnostic.rule.rawValue) at \(diagnostic.range.start.offset), expected \(offset): \(diagnostic.message)",
            sourceLocation: sourceLocation)
        #expect(diagnostic.help?.isEmpty == false, "\(diagnostic.rule.rawValue) has no help", sourceLocation: sourceLocation)
    }
    return diagnostics
}

/// Expects the findings of one rule to be exactly at the markers (other rules ignored), each
/// with a help line. Returns them.
@discardableResult
func expectRule(_ rule: RuleName, _ marked: String, sourceLocation: SourceLocation = #_sourceLocation) -> [Diagnostic] {
    let source = MarkedSource(marked)
    let all = Frontend.run(source.file).diagnostics.diagnostics
    let found = all.filter { $0.rule == rule }
    let described = all.map { "\($0.rule.rawValue)@\($0.range.start.line):\($0.range.start.column): \($0.message)" }
    #expect(found.map(\.range.start.offset) == source.offsets, "\(rule.rawValue): \(described)", sourceLocation: sourceLocation)
    for diagnostic in found {
        #expect(diagnostic.help?.isEmpty == false, "\(rule.rawValue) has no help", sourceLocation: sourceLocation)
    }
    let frontEnd = all.filter { FrontEndRules.names.contains($0.rule) }
    #expect(frontEnd.isEmpty, "the snippet itself is broken: \(described)", sourceLocation: sourceLocation)
    return found
}

/// Expects a plan (a near miss) to raise nothing of one rule, and to decode.
func expectNoRule(_ rule: RuleName, _ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let all = Frontend.run(SourceFile(path: "test.cmplan", text: text)).diagnostics.diagnostics
    let described = all.map { "\($0.rule.rawValue)@\($0.range.start.line):\($0.range.start.column): \($0.message)" }
    #expect(!all.contains { $0.rule == rule }, "\(rule.rawValue) fired on a near miss: \(described)", sourceLocation: sourceLocation)
    #expect(!all.contains { FrontEndRules.names.contains($0.rule) }, "the near miss is broken: \(described)", sourceLocation: sourceLocation)
}

/// Decodes a snippet that must have no error and no front-end diagnostic, returning its plan
/// (a rule's warning about the plan is that rule's tests' business, not the decoder's).
func decodeClean(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> Plan? {
    let result = Frontend.run(SourceFile(path: "test.cmplan", text: text))
    let found = result.diagnostics.diagnostics.filter { $0.severity == .error || FrontEndRules.names.contains($0.rule) }
        .map { "\($0.rule.rawValue) \($0.range.start.line):\($0.range.start.column) \($0.message)" }
    #expect(found.isEmpty, "unexpected: \(found)", sourceLocation: sourceLocation)
    return result.plan
}

/// Paths inside the repository, found from this file's location (no ../shared at test time).
enum Repository {
    /// The repository root.
    static let root: String = {
        var components = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        components.removeLast(4)  // Support/MarkedSource.swift, CMPlanTests, Tests
        return components.joined(separator: "/")
    }()

    /// A path relative to the root.
    static func path(_ relative: String) -> String { root + "/" + relative }
}
