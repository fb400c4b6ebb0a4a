import CMPlan
import Foundation
import Testing

/// What becomes of each datacenter of a source with several (issue 17.2): every unmoved one
/// says whether it stays or retires, `keep` only where it means something, and a plain
/// StatefulSet never names two datacenters' pods alike.
@Suite struct DatacenterFateRuleTests {
    /// The handover fragment as a datacenter-extend whose source has a second datacenter `a1`
    /// (with `keep` as given) that no target datacenter moves.
    static func extendWithSecond(_ keep: String) -> String {
        PlanFragments.handover(old: "datacenter ‸\"a1\" {\n  nodes = 3\n  \(keep)\n}", newDC: "from = x1")
            .replacingOccurrences(of: "strategy        = datacenter-handover", with: "strategy        = datacenter-extend")
            .replacingOccurrences(of: "operator  = casskop", with: "operator  = cass-operator")
            .replacingOccurrences(of: "downtime_budget = 3m", with: "downtime_budget = 0s")
            .replacingOccurrences(of: "replication = { x1 = 3 }", with: "replication = { x1 = 3, a1 = 3 }")
    }

    @Test func anUnmovedDatacenterMustSayWhetherItStays() {
        let found = expectRule(.sourceDatacenterFate, Self.extendWithSecond(""))
        #expect(found.first?.help?.contains("keep = true") == true)
        expectNoRule(.sourceDatacenterFate, Self.extendWithSecond("keep = true").replacingOccurrences(of: "‸", with: ""))
        expectNoRule(.sourceDatacenterFate, Self.extendWithSecond("keep = false").replacingOccurrences(of: "‸", with: ""))
        // One source datacenter: nothing to say.
        expectNoRule(.sourceDatacenterFate, PlanFragments.handover())
    }

    @Test func aHandoverCannotKeepADatacenter() {
        let handover = PlanFragments.handover(old: "datacenter \"a1\" {\n  nodes = 3\n  keep  = ‸true\n}", newDC: "from = x1")
            .replacingOccurrences(of: "replication = { x1 = 3 }", with: "replication = { x1 = 3, a1 = 3 }")
        let found = expectRule(.sourceDatacenterFate, handover)
        #expect(found.first?.help?.contains("keep = false") == true)
        expectNoRule(.sourceDatacenterFate, handover.replacingOccurrences(of: "‸true", with: "false"))
    }

    @Test func keepIsRefusedWhereItMeansNothing() {
        // On the datacenter that moves.
        expectRule(
            .sourceDatacenterFate,
            Self.extendWithSecond("keep = true").replacingOccurrences(of: "‸", with: "")
                .replacingOccurrences(of: "  datacenter \"x1\" {\n    nodes = 3\n", with: "  datacenter \"x1\" {\n    nodes = 3\n    keep  = ‸true\n"))
        // On a target datacenter.
        expectRule(.sourceDatacenterFate, PlanFragments.handover(newDC: "keep = ‸false"))
        // With a strategy that moves every source datacenter.
        expectRule(.sourceDatacenterFate, PlanFragments.adoption(dc: "keep = ‸true"))
    }

    @Test func aPlainStatefulSetClusterHasOneDatacenter() {
        let two = Self.extendWithSecond("keep = true").replacingOccurrences(of: "‸", with: "")
            .replacingOccurrences(of: "operator  = rook", with: "operator  = statefulset")
            // The fragment lists a1 first: x1 is the second datacenter.
            .replacingOccurrences(of: "datacenter \"x1\"", with: "datacenter ‸\"x1\"")
        expectRule(.statefulSetDatacenters, two)
        expectNoRule(.statefulSetDatacenters, Self.extendWithSecond("keep = true").replacingOccurrences(of: "‸", with: ""))
    }

    /// The final replication PLAN.md states keeps the kept datacenter's replicas.
    @Test func theKeptDatacentersReplicasStayInTheFinalReplication() throws {
        let text = try #require(FileBytes.readText(Repository.path("Tests/Fixtures/build/keep-extend.cmplan")))
        guard case .files(_, let files, _) = Build.run(SourceFile(path: "keep-extend.cmplan", text: text)) else {
            Issue.record("keep-extend does not build")
            return
        }
        let review = try #require(files.first { $0.path.hasSuffix("PLAN.md") }?.content)
        #expect(review.contains("| app | {analytics: 2, x1: 3} | {analytics: 2, x2: 3} |"), "\(review.prefix(3000))")
        #expect(review.contains("nodetool decommission on each live node of x1, one at a time"))
        #expect(!review.contains("live node of x1, analytics"))
    }
}
