import CMPlan
import Testing

/// Syntax errors, each marked in the snippet where it must be reported.
@Suite struct ParserErrorTests {
    @Test func threeSeparateMistakesGiveThreeDiagnostics() {
        expectDiagnostics(
            """
            plan "move" {
              strategy = ‸'handover'
              downtime_budget = ‸3 m
            }
            cluster "old" {
              cluster_name ‸"x"
            }
            """, [.syntax, .syntax, .syntax], syntaxOnly: true)
    }

    @Test func unterminatedStringRecoversAtTheNextLine() {
        let diagnostics = expectDiagnostics(
            """
            plan "move" {
              source = ‸"old
              target = ‸}
            """, [.syntax, .syntax], syntaxOnly: true)
        #expect(diagnostics[0].message.contains("unterminated string"))
    }

    @Test func missingClosingBraceIsReportedOnceAtTheEnd() {
        let diagnostics = expectDiagnostics(
            """
            plan "move" {
              cluster "old" {
                datacenter "x1" {
                  nodes = 3
            ‸
            """, [.syntax], syntaxOnly: true)
        #expect(diagnostics[0].message.contains("expected '}'"))
        #expect(diagnostics[0].notes.first?.range != nil)
    }

    @Test func strayClosingBraceAtTopLevel() {
        expectDiagnostics("‸}\n", [.syntax], syntaxOnly: true)
    }

    @Test func attributeOutsideAnyBlock() {
        let diagnostics = expectDiagnostics("‸strategy = volume-adoption\n", [.syntax], syntaxOnly: true)
        #expect(diagnostics[0].message.contains("outside of any block"))
    }

    @Test func braceOnTheNextLineIsOneErrorAndTheBlockStillParses() {
        expectDiagnostics(
            """
            ‸plan "move"
            {
              strategy = datacenter-handover
              bogus ‸1
            }
            """, [.syntax, .syntax], syntaxOnly: true)
    }

    @Test func unlabeledBlockWithTheBraceOnTheNextLine() {
        let diagnostics = expectDiagnostics(
            """
            plan "p" {
              ‸kubernetes
              {
                context = "c"
              }
            }
            """, [.syntax], syntaxOnly: true)
        #expect(diagnostics[0].message.contains("same line"))
    }

    @Test func listMissingItsClosingBracketStopsBeforeTheNextAttribute() {
        expectDiagnostics(
            """
            plan "p" {
              racks = ["a", "b"
              ‸zones = ["z"]
            }
            """, [.syntax], syntaxOnly: true)
    }

    @Test func listWithoutCommas() {
        expectDiagnostics(
            """
            x {
              racks = ["a" ‸"b"]
            }
            """, [.syntax], syntaxOnly: true)
    }

    @Test func mapEntryWithoutEquals() {
        expectDiagnostics(
            """
            x {
              replication = { x1 ‸2 }
            }
            """, [.syntax], syntaxOnly: true)
    }

    @Test func missingValue() {
        expectDiagnostics(
            """
            x {
              nodes =‸
            }
            """, [.syntax], syntaxOnly: true)
    }

    @Test func unknownEscapeAndControlCharacter() {
        expectDiagnostics("x {\n  a = \"‸\\q\"\n  b = \"‸\u{01}\"\n}\n", [.syntax, .syntax], syntaxOnly: true)
    }

    @Test func signedNumbersAreRejectedWithAHint() {
        let diagnostics = expectDiagnostics("x {\n  nodes = ‸-3\n}\n", [.syntax], syntaxOnly: true)
        #expect(diagnostics[0].help?.contains("no sign") == true)
    }

    @Test func invalidUTF8InAStringIsReportedNotCrashed() {
        var bytes = Array("x {\n  a = \"".utf8)
        let offset = bytes.count - 1
        bytes += [0xFF, 0xFE]
        bytes += Array("\"\n}\n".utf8)
        let diagnostics = Parser.parse(SourceFile(path: "t", bytes: bytes)).diagnostics
        #expect(diagnostics.map(\.rule) == [.syntax])
        #expect(diagnostics.first?.range.start.offset == offset)
    }

    @Test func binaryBytesOutsideStringsAreOneDiagnosticPerRun() {
        let bytes: [UInt8] = Array("x {\n  ".utf8) + [0x00, 0x01, 0x80, 0xC3, 0x28] + Array("\n}\n".utf8)
        let diagnostics = Parser.parse(SourceFile(path: "t", bytes: bytes)).diagnostics
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.message.contains("not plan text") == true)
    }

    @Test func columnsCountCharactersNotBytes() {
        // "é" is two bytes, one column.
        let diagnostics = expectDiagnostics("# é\nx {\n  a = \"é\" ‸b\n}\n", [.syntax], syntaxOnly: true)
        #expect(diagnostics[0].range.start.line == 3)
        #expect(diagnostics[0].range.start.column == 11)
    }
}
