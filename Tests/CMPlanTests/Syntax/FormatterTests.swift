import CMPlan
import Testing

/// fmt: golden files, idempotence, and every plan in the repository already canonical.
@Suite struct FormatterTests {
    func format(_ text: String) -> String? {
        try? Formatter.format(SourceFile(path: "t", text: text)).get()
    }

    @Test func messyInputFormatsToTheGolden() throws {
        let input = try #require(FileBytes.readText(Repository.path("Tests/CMPlanTests/Syntax/Golden/messy-valid.cmplan")))
        let formatted = try #require(format(input))
        expectGolden(formatted, "Syntax/Golden/messy-valid.golden.cmplan")
        #expect(format(formatted) == formatted, "formatting twice must change nothing")
    }

    @Test func fileWithSyntaxErrorsIsNotFormatted() throws {
        let input = try #require(FileBytes.readText(Repository.path("Tests/CMPlanTests/Syntax/Golden/messy.cmplan")))
        guard case .failure(let failure) = Formatter.format(SourceFile(path: "t", text: input)) else {
            Issue.record("a file with a syntax error was formatted")
            return
        }
        #expect(failure.diagnostics.map(\.rule) == [.syntax])
    }

    @Test(arguments: ["Plans/k8s-to-k8s.cmplan", "Plans/ec2-to-eks.cmplan"])
    func repositoryPlansAreCanonical(path: String) throws {
        let text = try #require(FileBytes.readText(Repository.path(path)))
        #expect(format(text) == text, "run cmplanc fmt \(path)")
    }

    @Test func goldensAreFixedPoints() throws {
        for name in FileBytes.list(Repository.path("Tests/CMPlanTests/Syntax/Golden"), suffix: ".golden.cmplan") {
            let text = try #require(FileBytes.readText(Repository.path("Tests/CMPlanTests/Syntax/Golden/" + name)))
            #expect(format(text) == text, "\(name) is not a fixed point of fmt")
        }
    }

    @Test func layoutRules() {
        #expect(format("a {\nb=1\nlonger=2\n}\nc \"l\" {\n}\n") == "a {\n  b      = 1\n  longer = 2\n}\n\nc \"l\" {}\n")
        #expect(format("x y {\n}\n") == "x \"y\" {}\n")
        #expect(format("x {\n  s = \"a\\\"b\\\\c\\n\\t\"\n}\n") == "x {\n  s = \"a\\\"b\\\\c\\n\\t\"\n}\n")
    }
}
