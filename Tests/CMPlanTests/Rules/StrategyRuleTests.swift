@testable import CMPlan
import Foundation
import Testing

/// `check` knows what `build` refuses (issue 17, part 1): every shape a generator cannot build
/// is a rule at the text to change, and no plan passes check only to be refused by build.
@Suite struct StrategyRuleTests {
    /// The handover fragment with its source on machines instead of Kubernetes.
    static let handoverFromMachines = PlanFragments.handover()
        .replacingOccurrences(
            of: "  kubernetes {\n    context   = \"old-ctx\"\n    namespace = \"cassandra\"\n    operator  = rook\n  }\n",
            with: "  ssh { user = \"ubuntu\" }\n")
        .replacingOccurrences(of: "  datacenter \"x1\" {\n    nodes = 3\n", with: "  datacenter \"x1\" {\n    node \"a\" { address = \"10.0.0.1\" }\n")

    /// Plans each generator refuses, with the rule that must say why.
    static let refusals: [(name: String, rule: RuleName, text: String)] = [
        ("handover from machines", .strategyPlacement, handoverFromMachines),
        ("handover with two target datacenters", .targetDatacenters, PlanFragments.handover()
            .replacingLast("  }\n}\n\nkeyspace", with: "  }\n  datacenter \"x3\" {\n    nodes = 3\n    disk  = 2TiB\n  }\n}\n\nkeyspace")),
        ("handover without a target disk", .targetDiskMissing, PlanFragments.handover(newDisk: "")),
        ("extend with two new datacenters from one source datacenter", .targetDatacenters, DatacenterFateRuleTests.extendWithSecond("keep = true").replacingOccurrences(of: "‸", with: "")
            .replacingLast("  }\n}\n\nkeyspace", with: "  }\n  datacenter \"x3\" {\n    nodes = 3\n    disk  = 2TiB\n    from  = x1\n  }\n}\n\nkeyspace")),
        ("a second source datacenter nobody moves", .sourceDatacenterFate, DatacenterFateRuleTests.extendWithSecond("").replacingOccurrences(of: "‸", with: "")),
        ("two datacenters in one plain StatefulSet", .statefulSetDatacenters, DatacenterFateRuleTests.extendWithSecond("keep = true").replacingOccurrences(of: "‸", with: "")
            .replacingOccurrences(of: "operator  = rook", with: "operator  = statefulset")),
        ("adoption into CassKop", .operatorUnsupported, PlanFragments.adoption().replacingOccurrences(of: "operator = statefulset", with: "operator = casskop")),
        ("adoption without an aws block", .strategyPlacement, PlanFragments.adoption().replacingOccurrences(of: "  aws { region = \"us-east-1\" }\n", with: "")),
        ("snapshot-load without a target disk", .targetDiskMissing, PlanFragments.snapshotLoad(budget: "60d").replacingOccurrences(of: "    disk  = 4TiB\n", with: "")),
    ]

    @Test func everyRefusalIsARuleThatCheckRaises() throws {
        for refusal in Self.refusals {
            let file = SourceFile(path: "\(refusal.name).cmplan", text: refusal.text)
            let found = Frontend.run(file).diagnostics.diagnostics
            let frontEnd = found.filter { FrontEndRules.names.contains($0.rule) }.map(\.message)
            #expect(frontEnd.isEmpty, "\(refusal.name): the variant itself is broken: \(frontEnd)")
            #expect(found.contains { $0.rule == refusal.rule && $0.severity == .error }, "\(refusal.name): \(found.map { "\($0.rule.rawValue): \($0.message)" })")
            guard case .rejected = Build.run(file) else {
                Issue.record("\(refusal.name): build did not reject it with the rule")
                continue
            }
        }
    }

    /// Mutations of every plan in the repository and of the fragments: whatever check lets
    /// through, build generates; what it refuses, it refuses with a rule.
    @Test func noPlanPassesCheckAndFailsBuild() throws {
        let folders = ["Plans", "Tests/Fixtures/build", "Tests/CMPlanTests/Rules/Fixtures"]
        var texts = folders.flatMap { folder in
            ((try? FileManager.default.contentsOfDirectory(atPath: Repository.path(folder))) ?? []).filter { $0.hasSuffix(".cmplan") }.sorted()
                .compactMap { FileBytes.readText(Repository.path("\(folder)/\($0)")) }
        }
        texts += [PlanFragments.handover(), PlanFragments.adoption(), PlanFragments.snapshotLoad(budget: "60d")] + Self.refusals.map(\.text)
        let mutations: [(String) -> String] = [
            { $0 },
            { $0.replacingOccurrences(of: "operator  = casskop", with: "operator  = cass-operator") },
            { $0.replacingOccurrences(of: "operator  = cass-operator", with: "operator  = casskop") },
            { $0.replacingOccurrences(of: "operator = statefulset", with: "operator = cass-operator") },
            { $0.replacingOccurrences(of: "strategy        = datacenter-handover", with: "strategy        = datacenter-extend") },
            { $0.replacingOccurrences(of: "strategy        = datacenter-extend", with: "strategy        = datacenter-handover") },
            { $0.replacingOccurrences(of: "strategy        = snapshot-load", with: "strategy        = volume-adoption") },
        ]
        var built = 0
        for text in texts {
            for mutate in mutations {
                let variant = mutate(text)
                let file = SourceFile(path: "variant.cmplan", text: variant)
                switch Build.run(file) {
                case .files: built += 1
                case .rejected: continue
                case .unsupported(_, let reason):
                    Issue.record("check passed a plan build refuses without a rule: \(reason)\n\(variant.prefix(400))")
                }
            }
        }
        #expect(built > 10)
    }

    /// The adopted disks keep their tokens: the target cannot ask for another count.
    @Test func numTokensChanged() {
        expectRule(.numTokensChanged, PlanFragments.adoption(target: "num_tokens = ‸16"))
        expectNoRule(.numTokensChanged, PlanFragments.adoption(target: "num_tokens = 256"))
        expectNoRule(.numTokensChanged, PlanFragments.adoption())
        expectNoRule(.numTokensChanged, PlanFragments.handover(new: "num_tokens = 16"))
    }

    /// num_tokens defaults to the shipped cassandra.yaml's for the source's version, and the
    /// target's to the source's.
    @Test func numTokensDefaults() throws {
        let old = try #require(Frontend.run(SourceFile(path: "t", text: PlanFragments.handover())).plan)
        #expect(old.source.numTokens.value == 256 && old.target.numTokens.value == 256 && !old.target.numTokens.isExplicit)
        let new = try #require(
            Frontend.run(SourceFile(path: "t", text: PlanFragments.handover().replacingOccurrences(of: "\"3.11.6\"", with: "\"4.1.3\""))).plan)
        #expect(new.source.numTokens.value == 16 && new.target.numTokens.value == 16)
        let set = try #require(Frontend.run(SourceFile(path: "t", text: PlanFragments.handover(old: "num_tokens = 32"))).plan)
        #expect(set.target.numTokens.value == 32)
    }
}
