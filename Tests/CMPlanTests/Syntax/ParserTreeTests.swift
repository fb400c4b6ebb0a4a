import CMPlan
import Testing

/// The shape of the tree the parser yields for valid input.
@Suite struct ParserTreeTests {
    func parse(_ text: String) -> SyntaxFile {
        let (tree, diagnostics) = Parser.parse(SourceFile(path: "t", text: text))
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
        return tree
    }

    @Test func blocksAttributesAndValueKinds() throws {
        let tree = parse(
            """
            cluster "old" {
              name    = "cassandra"
              count   = 3
              size    = 825.07GiB
              rate    = 200Mbit/s
              kind    = rook
              flag    = true
              list    = ["a", "b",]
              map     = { x1 = 2, "x-2" = 3 }
              inner { a = 1 }
            }
            """)
        let block = try #require(tree.items.first.flatMap { if case .block(let b) = $0 { b } else { nil } })
        #expect(block.type.name == "cluster")
        #expect(block.label?.value == "old")
        let values = block.attributes.map(\.value.kind)
        #expect(values[0] == .string("cassandra"))
        #expect(values[1] == .number("3"))
        guard case .quantity(let number, let unit, _) = values[2] else {
            Issue.record("expected a quantity")
            return
        }
        #expect(number == "825.07" && unit == "GiB")
        #expect(values[4] == .identifier("rook"))
        #expect(values[5] == .bool(true))
        guard case .list(let list) = values[6], case .map(let map) = values[7] else {
            Issue.record("expected a list and a map")
            return
        }
        #expect(list.elements.count == 2 && !list.isMultiline)
        #expect(map.entries.map(\.key.name) == ["x1", "x-2"])
        #expect(map.entries[1].keyIsQuoted)
        #expect(block.blocks.first?.type.name == "inner")
    }

    @Test func rangesAreExact() throws {
        let tree = parse("plan \"p\" {\n  downtime_budget = 3m\n}\n")
        guard case .block(let block) = tree.items[0] else {
            Issue.record("expected a block")
            return
        }
        let attribute = try #require(block.attributes.first)
        #expect(attribute.name.range.start == SourcePosition(offset: 13, line: 2, column: 3))
        #expect(attribute.value.range.start == SourcePosition(offset: 31, line: 2, column: 21))
        #expect(attribute.value.range.end == SourcePosition(offset: 33, line: 2, column: 23))
        #expect(block.range.end.line == 3)
    }

    @Test func commentsAndBlankLinesAreKept() throws {
        let tree = parse(
            """
            # header

            x { # open
              # about a
              a = 1 # trailing

              b = [
                # first
                "q", # q
              ]
            } # close
            """)
        #expect(tree.items.count == 2)
        guard case .block(let block) = tree.items[1] else {
            Issue.record("expected a block")
            return
        }
        #expect(block.blankLineBefore)
        #expect(block.openComment?.text == "# open")
        #expect(block.trailingComment?.text == "# close")
        #expect(block.attributes[0].trailingComment?.text == "# trailing")
        #expect(block.attributes[1].blankLineBefore)
        guard case .list(let list) = block.attributes[1].value.kind else {
            Issue.record("expected a list")
            return
        }
        #expect(list.elements[0].leadingComments.map(\.text) == ["# first"])
        #expect(list.elements[0].trailingComment?.text == "# q")
    }

    @Test func crlfLineEndingsAndByteOrderMark() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("x {\r\n  a = 1\r\n}\r\n".utf8)
        let (tree, diagnostics) = Parser.parse(SourceFile(path: "t", bytes: bytes))
        #expect(diagnostics.isEmpty)
        #expect(tree.items.count == 1)
    }
}
