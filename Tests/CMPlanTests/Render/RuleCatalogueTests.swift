import CMPlan
import Foundation
import Testing

/// The rule catalogue: every name has an explanation whose examples are real plan text.
@Suite struct RuleCatalogueTests {
    @Test func everyRuleNameIsDescribedOnce() {
        let described = RuleCatalogue.all.map(\.name)
        #expect(Set(described) == Set(RuleName.allCases))
        #expect(described.count == Set(described).count)
        #expect(described == described.sorted())
    }

    @Test func explanationsAreComplete() {
        for rule in RuleCatalogue.all {
            for paragraph in [rule.summary, rule.checks, rule.why, rule.fix, rule.before, rule.after] {
                #expect(!paragraph.isEmpty, "\(rule.name.rawValue) has an empty part")
            }
            #expect(!rule.summary.hasSuffix("."), "summaries are phrases without a period")
            #expect(rule.before != rule.after)
        }
    }

    @Test func examplesAreValidSyntax() {
        for rule in RuleCatalogue.all {
            let after = Parser.parse(SourceFile(path: "after", text: rule.after)).diagnostics
            #expect(after.isEmpty, "\(rule.name.rawValue)'s fixed example does not parse: \(after.map(\.message))")
            if rule.name != .syntax {
                let before = Parser.parse(SourceFile(path: "before", text: rule.before)).diagnostics
                #expect(before.isEmpty, "\(rule.name.rawValue)'s example should fail by its rule, not by syntax")
            }
        }
    }

    @Test func readmeExampleIsACleanPlanFragment() throws {
        let readme = try #require(FileBytes.readText(Repository.path("README.md")))
        let start = try #require(readme.range(of: "```hcl\n"))
        let end = try #require(readme[start.upperBound...].range(of: "```"))
        let fragment = String(readme[start.upperBound..<end.lowerBound])
        let diagnostics = Parser.parse(SourceFile(path: "README", text: fragment)).diagnostics
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
    }
}
