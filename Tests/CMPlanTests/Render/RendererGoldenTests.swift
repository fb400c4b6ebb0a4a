@testable import CMPlan
import Testing

/// The three diagnostic formats of language.md section 7, as golden files.
@Suite struct RendererGoldenTests {
    func diagnostics() throws -> FileDiagnostics {
        let path = "Tests/CMPlanTests/Render/Golden/broken.cmplan"
        let bytes = try #require(FileBytes.read(Repository.path(path)))
        return Frontend.run(SourceFile(path: path, bytes: bytes)).diagnostics
    }

    @Test func brokenPlanReportsEveryRuleItBreaks() throws {
        let rules = Set(try diagnostics().diagnostics.map(\.rule))
        #expect(
            rules == [
                .invalidValue, .unknownUnit, .unknownAttribute, .typeMismatch, .unknownReference, .duplicateAttribute,
                .unknownBlock,
            ])
    }

    @Test func text() throws {
        expectGolden(TextRenderer(useColor: false).render(try diagnostics()), "Render/Golden/broken.txt")
    }

    @Test func textWithColour() throws {
        let coloured = TextRenderer(useColor: true).render(try diagnostics())
        #expect(coloured.contains("\u{1B}[1;31merror\u{1B}[0m"))
        let plain = TextRenderer(useColor: false).render(try diagnostics())
        #expect(!plain.contains("\u{1B}"))
    }

    @Test func jsonLines() throws {
        let output = JSONLinesRenderer.render(try diagnostics())
        expectGolden(output, "Render/Golden/broken.jsonl")
        for line in output.split(separator: "\n") {
            #expect(line.hasPrefix("{\"file\":") && line.hasSuffix("}"))
            for key in ["\"line\":", "\"column\":", "\"endLine\":", "\"endColumn\":", "\"severity\":", "\"rule\":", "\"message\":"] {
                #expect(line.contains(key))
            }
        }
    }

    @Test func sarif() throws {
        // The golden declares only the front-end rules, so rewording a plan rule's
        // explanation does not touch it; the full catalogue is checked below.
        let frontEnd = RuleCatalogue.all.filter { FrontEndRules.names.contains($0.name) }
        let golden = SARIFRenderer.render([try diagnostics()], toolVersion: "test", rules: frontEnd)
        expectGolden(golden, "Render/Golden/broken.sarif.json")
        #expect(golden.contains("\"version\": \"2.1.0\""))
        let output = SARIFRenderer.render([try diagnostics()], toolVersion: "test")
        for rule in RuleCatalogue.all {
            #expect(output.contains("\"id\": \"\(rule.name.rawValue)\""))
        }
    }

    @Test func specExampleLayout() {
        // language.md section 7: the header, the numbered source line, the caret line, note, help.
        let text = "plan \"p\" {\n  cluster_name = \"cassandra2\"\n}\n"
        let file = SourceFile(path: "Plans/k8s-move.cmplan", text: text)
        let start = file.position(at: 28)
        let end = file.position(at: 40)
        let diagnostic = Diagnostic(
            .error, .invalidValue, "target cluster_name \"cassandra2\" differs from the source's \"cassandra\"",
            at: SourceRange(start: start, end: end),
            notes: [Note("the temporary datacenter joins the source cluster, so both must carry one name")],
            help: "remove cluster_name from cluster \"new\"; it defaults to the source's")
        let rendered = TextRenderer(useColor: false).render(diagnostic, in: file)
        #expect(
            rendered == """
                Plans/k8s-move.cmplan:2:18: error[invalid-value]: target cluster_name "cassandra2" differs from the source's "cassandra"
                    2 |   cluster_name = "cassandra2"
                      |                  ^^^^^^^^^^^^
                  = note: the temporary datacenter joins the source cluster, so both must carry one name
                  = help: remove cluster_name from cluster "new"; it defaults to the source's

                """)
    }

    @Test func longBinaryLinesAreCutAndSanitised() {
        var bytes = Array(repeating: UInt8(ascii: "a"), count: 5000)
        bytes[4000] = 0x01
        let file = SourceFile(path: "t", bytes: bytes)
        let diagnostics = Frontend.run(file).diagnostics
        let rendered = TextRenderer(useColor: false).render(diagnostics)
        #expect(rendered.split(separator: "\n").allSatisfy { $0.count < 400 })
        #expect(!rendered.contains("\u{01}"))
    }
}
