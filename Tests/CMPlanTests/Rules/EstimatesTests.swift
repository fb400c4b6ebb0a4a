import CMPlan
import Foundation
import Testing

/// The estimates of docs/estimates.md, with the seeds' numbers as worked examples.
@Suite struct EstimatesTests {
    func plan(_ path: String) throws -> Plan {
        let file = try #require(PlanFile.read(Repository.path(path)))
        return try #require(Frontend.run(file).plan)
    }

    @Test func seed000HandoverOutageIsAboutThreeMinutes() throws {
        let estimates = Estimates(plan: try plan("Plans/k8s-to-k8s.cmplan"))
        // 30s to drain and stop + 3 target pods started one at a time at 45s each.
        #expect(estimates.outage.total == Duration(milliseconds: 165_000))
        #expect(estimates.outage.total.description == "2m45s")
        // (1MiB + 1050GiB + 800GiB + 536GiB) × RF 2 / RF 2 / 3 nodes.
        let expected = ((1 << 20) + UInt64(2386) << 30) / 3
        #expect(estimates.targetLoads.first?.perNode == Size(bytes: expected))
        #expect(estimates.bytesToStream == Size(bytes: expected * 3))
        // One rebuild at a time at 24MiB/s.
        let seconds = (expected * 3 + (24 << 20) - 1) / (24 << 20)
        #expect(estimates.rebuildDuration == Duration(milliseconds: seconds * 1000))
    }

    @Test func seed004AdoptionOutage() throws {
        let estimates = Estimates(plan: try plan("Plans/ec2-to-eks.cmplan"))
        // drain 30s + final snapshot 5m + volumes 1m + 3 × 45s.
        #expect(estimates.outage.total.description == "8m45s")
        #expect(estimates.bytesToStream == nil && estimates.loadDuration == nil)
    }

    @Test func seed004SstableloaderAtOneMegabytePerSecondTakesWeeks() {
        let text = PlanFragments.snapshotLoad(budget: "60d")
        guard let plan = decodeClean(text) else { return }
        let estimates = Estimates(plan: plan)
        // 1800GiB × RF 3 sent, three loaders at 1MB/s each.
        #expect(estimates.bytesToLoad == Size(bytes: 1800 * 3 << 30))
        let seconds = (UInt64(1800 * 3) << 30 + 2_999_999) / 3_000_000
        #expect(estimates.loadDuration == Duration(milliseconds: seconds * 1000))
        #expect(estimates.loadDuration?.description == "22d8h")
    }

    /// snapshot-load turns the source's native transport off (disablebinary): reads stop as well
    /// as writes, and the review document says so (issue 17, part 4).
    @Test func snapshotLoadStopsReadsToo() throws {
        let plan = try #require(decodeClean(PlanFragments.snapshotLoad(budget: "60d")))
        #expect(Estimates(plan: plan).outage.whatStops.hasPrefix("reads and writes"))
    }

    @Test func datacenterExtendStopsNothing() {
        let text = PlanFragments.handover().replacingOccurrences(of: "datacenter-handover", with: "datacenter-extend")
            .replacingOccurrences(of: "operator  = rook", with: "operator  = rook\n    pod_cidr  = \"10.244.0.0/16\"")
            .replacingOccurrences(of: "operator  = casskop", with: "operator  = cass-operator\n    pod_cidr  = \"10.96.0.0/16\"")
        guard let plan = Frontend.run(SourceFile(path: "t", text: text)).plan else {
            Issue.record("the extend plan did not compile")
            return
        }
        #expect(Estimates(plan: plan).outage.total == Duration(milliseconds: 0))
    }

    @Test func metricsModel() throws {
        var text = PlanFragments.handover(extra: "monitoring {\n  exporter = casskop-jmx\n}")
        guard let plan = decodeClean(text), let all = MetricsEstimate(plan: plan) else {
            Issue.record("no estimate")
            return
        }
        #expect(all.nodes == 3 && all.tables == 1 + MetricsEstimate.systemTables && all.keptFamilies == MetricsEstimate.families.count)
        text = PlanFragments.handover(extra: "monitoring {\n  exporter = casskop-jmx\n  keep = [\"cassandra_storage_.*\"]\n}")
        let kept = try #require(decodeClean(text).flatMap(MetricsEstimate.init(plan:)))
        #expect(kept.series == 3 * (1 + 1 + 2))
    }
}
