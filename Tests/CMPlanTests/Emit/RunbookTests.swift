@testable import CMPlan
import Foundation
import Testing

/// The handover runbook IR and the bash library it calls.
@Suite struct RunbookTests {
    func runbook(_ text: String) throws -> Runbook {
        let file = SourceFile(path: "t.cmplan", text: text)
        let result = Frontend.run(file)
        let plan = try #require(result.plan, "\(result.diagnostics.diagnostics.map(\.message))")
        return try RunbookCompiler.compile(plan, source: file, warnings: []).get()
    }

    @Test func everyHelperIsDefinedInTheLibrary() {
        for helper in Helper.allCases {
            #expect(BashLibrary.text.contains("\n\(helper.rawValue)() {\n"), "no bash function for \(helper.rawValue)")
        }
    }

    @Test func stepsFollowThePhasesInOrder() throws {
        let steps = try runbook(PlanFragments.handover()).steps
        let phases = steps.map(\.phase)
        #expect(phases == phases.sorted { Phase.allCases.firstIndex(of: $0)! < Phase.allCases.firstIndex(of: $1)! })
        #expect(Set(phases) == Set(Phase.allCases))
        #expect(steps.map(\.id) == steps.enumerated().map { index, step in
            String(format: "%02d", index + 1) + "-" + step.id.split(separator: "-", maxSplits: 1)[1]
        })
        #expect(Set(steps.map(\.id)).count == steps.count)
    }

    @Test func preflightOnlyReads() throws {
        let steps = try runbook(PlanFragments.handover()).steps
        for step in steps where step.phase == .preflight {
            #expect(step.action.allSatisfy { $0.helper.isReadOnly }, "\(step.id) changes something")
        }
    }

    @Test func guardsAndChecksOnlyRead() throws {
        let steps = try runbook(PlanFragments.handover()).steps
        for step in steps {
            #expect((step.guardCalls + step.check).allSatisfy { $0.helper.isReadOnly }, "\(step.id)")
        }
    }

    /// Destructive marking is checked for every plan in StrategyInvariantTests; here the window.
    @Test func theDowntimeWindowRunsFromTheStopToTheSwitch() throws {
        let steps = try runbook(PlanFragments.handover()).steps
        let window = steps.filter(\.inDowntime)
        #expect(window.first?.id.hasSuffix("confirm-downtime-start") == true)
        #expect(window.last?.id.hasSuffix("confirm-clients-switched") == true)
    }

    @Test func everyStepThatChangesSomethingCanTellWhetherItIsDone() throws {
        // Steps without a live-system guard rely on the journal; they must be the ones whose
        // effect cannot be read back (confirmations, rebuild, repair, snapshot clearing, the gate).
        let allowed = ["confirm", "rebuild", "repair", "clear-source-snapshots", "verify"]
        let steps = try runbook(PlanFragments.handover()).steps
        for step in steps where step.phase != .preflight && step.guardCalls.isEmpty {
            #expect(allowed.contains { step.id.contains($0) }, "\(step.id) has no guard")
        }
    }

    @Test func claimNamesFollowEachOperator() throws {
        func claims(_ operatorName: String, extra: String = "") throws -> [String] {
            let text = PlanFragments.handover().replacingOccurrences(of: "operator  = casskop", with: "operator  = \(operatorName)\(extra)")
            let steps = try runbook(text).steps
            return try #require(steps.first { $0.id.hasSuffix("wait-target-claims") }).check[0].arguments.dropFirst(2).map { $0 }
        }
        let casskop = try claims("casskop")
        let cassOperator = try claims("cass-operator")
        let plain = try claims("statefulset", extra: "\n    statefulset = \"db\"\n    claim_template = \"vol\"")
        #expect(casskop == ["data-cassandra-x2-rack1-0", "data-cassandra-x2-rack1-1", "data-cassandra-x2-rack1-2"])
        #expect(cassOperator.first == "server-data-cassandra-x2-rack1-sts-0")
        #expect(plain == ["vol-db-0", "vol-db-1", "vol-db-2"])
    }

    @Test func temporaryPodsBorrowTheDiskOfTheSameRackAndOrdinal() throws {
        let text = PlanFragments.handover(newDC: "racks = [\"r1\", \"r2\"]").replacingOccurrences(of: "nodes = 3\n\n  disk", with: "nodes = 4\n\n  disk")
        let runbook = try runbook(
            text.replacingLast("nodes = 3", with: "nodes = 4").replacingOccurrences(of: "downtime_budget = 3m", with: "downtime_budget = 10m"))
        let borrow = try #require(runbook.steps.first { $0.id.hasSuffix("borrow-target-volumes") })
        let pairs = borrow.action.map { ($0.arguments[1], $0.arguments[4]) }
        #expect(pairs.count == 4)
        for (template, claim) in pairs {
            // manifests/old/NN-persistentvolume-cmplan-move-x2-<rack>-<n>.template.yaml ↔ data-cassandra-x2-<rack>-<n>
            let suffix = claim.split(separator: "-").suffix(2).joined(separator: "-")
            #expect(template.hasSuffix("-x2-\(suffix).template.yaml"), "\(template) borrows \(claim)")
        }
    }

    @Test func systemKeyspacesFollowTheNewDatacenter() throws {
        let ids = try runbook(PlanFragments.handover()).steps.map(\.id)
        for keyspace in ["system-auth", "system-distributed", "system-traces"] {
            #expect(ids.contains { $0.hasSuffix("alter-keyspace-\(keyspace)") })
        }
    }

    /// PLAN.md shows what the manifests really ask for (issue 17, part 3): a 500GB disk is
    /// 465.66GiB, requested as 466Gi; and every keyspace's replication before and after, the
    /// system keyspaces the runbook extends included.
    @Test func theReviewShowsRequestedDisksAndReplication() throws {
        let runbook = try runbook(PlanFragments.handover(newDisk: "disk = 500GB"))
        #expect(runbook.disks == [DiskRequest(datacenter: "x2", planned: "465.66GiB", requested: "466Gi")])
        let review = ReviewEmitter.render(runbook)
        #expect(review.contains("| disk per node of x2 | 465.66GiB, requested as 466Gi"), "\(review.prefix(1500))")
        #expect(review.contains("| example | {x1: 3} | {x2: 3} |"))
        #expect(review.contains("| system_auth | read at run time | {x2: the replicas it has in x1 today, at most 3} |"))
    }

    /// A target without `disk` would get 0Gi claims: check refuses it by rule and says what to
    /// add, so build never meets it (issue 17, part 1).
    @Test func aTargetWithoutDiskIsRefusedWithTheFix() throws {
        let text = PlanFragments.snapshotLoad(budget: "60d").replacingOccurrences(of: "    disk  = 4TiB\n", with: "")
        let found = Frontend.run(SourceFile(path: "t", text: text)).diagnostics.diagnostics.filter { $0.rule == .targetDiskMissing }
        #expect(found.count == 1)
        #expect(found.first?.message.contains("has no disk") == true && found.first?.help?.contains("add disk = ") == true)
    }

    /// The orders that keep data: snapshot-load stops writes before it snapshots and loads;
    /// datacenter-extend rebuilds before the source leaves replication, and scales the source
    /// away only after its nodes are decommissioned.
    @Test func theNewStrategiesKeepTheirSafeOrder() throws {
        func ids(_ path: String) throws -> [String] {
            let text = try #require(FileBytes.readText(Repository.path(path)))
            let file = SourceFile(path: path, text: text)
            let plan = try #require(Frontend.run(file).plan)
            return try RunbookCompiler.compile(plan, source: file, warnings: []).get().steps.map { String($0.id.dropFirst(3)) }
        }
        let load = try ids("Plans/ec2-snapshot-load.cmplan")
        let loadOrder = ["copy-schema", "confirm-writes-stopped", "stop-client-traffic", "snapshot-source", "load-snapshots", "verify-row-counts",
            "confirm-clients-switched", "clear-source-snapshots"]
        #expect(loadOrder.compactMap { load.firstIndex(of: $0) } == Array(loadOrder.compactMap { load.firstIndex(of: $0) }).sorted())
        #expect(loadOrder.allSatisfy(load.contains), "\(load)")
        let extend = try ids("Plans/k8s-extend.cmplan")
        let extendOrder = ["check-seeds-reachable", "create-target-datacenter", "wait-target-datacenter", "alter-keyspace-app", "rebuild-x2",
            "verify-x2", "confirm-clients-switched", "check-clients-moved", "drop-source-replication", "decommission-source-nodes",
            "stop-source-workloads"]
        #expect(extendOrder.allSatisfy(extend.contains), "\(extend)")
        #expect(extendOrder.compactMap { extend.firstIndex(of: $0) } == extendOrder.compactMap { extend.firstIndex(of: $0) }.sorted())
    }
}
