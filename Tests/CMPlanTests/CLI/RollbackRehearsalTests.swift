import Foundation
import Testing

/// The rollback steps rehearsed (issue 17.5): the run stops once a step is done, the plan's
/// rollback step runs alone, twice (the second finds it done), and the simulator's verdict
/// wants the source as it was before the run (RehearsalWorld.verifyRolledBack).
@Suite struct RollbackRehearsalTests {
    @Test(arguments: [
        // Before the StatefulSets exist: the old rollback stopped at scaling a missing one.
        "Plans/ec2-to-eks.cmplan:12-final-snapshots", "Plans/ec2-to-eks.cmplan:17-wait-pods",
        // From prepare: the source was only read (warm-up snapshots; the new cluster and its schema).
        "Plans/ec2-to-eks.cmplan:09-warm-up-snapshots", "Plans/ec2-snapshot-load.cmplan:08-copy-schema",
        "Plans/ec2-snapshot-load.cmplan:11-snapshot-source", "Plans/ec2-snapshot-load.cmplan:13-verify-row-counts",
        // 4.1.5: the new datacenter leaves system_auth only after its nodes are gone.
        "Plans/k8s-extend.cmplan:10-wait-target-datacenter", "Plans/k8s-extend.cmplan:23-check-clients-moved",
        "Tests/Fixtures/build/login-extend.cmplan:19-rebuild-x2",
        // datacenter-handover before its window: the temporary datacenter leaves (3.11; 5.0 with a login).
        "Plans/k8s-to-k8s.cmplan:19-wait-temporary-datacenter", "Plans/k8s-to-k8s.cmplan:33-confirm-downtime-start",
        "Plans/k8s-handover-5.cmplan:30-verify-eu2",
        // A second source datacenter that stays is part of the source that must be whole.
        "Tests/Fixtures/build/keep-extend.cmplan:24-check-clients-moved",
        // Consolidation: both source datacenters get their replication back.
        "Tests/Fixtures/build/consolidate-extend.cmplan:24-check-clients-moved",
        // Two new datacenters leave system_auth in one ALTER once both are decommissioned.
        "Tests/Fixtures/build/two-extend.cmplan:27-check-clients-moved",
        // datacenter-handover from inside its window (PLAN.md's way back from cutover): the source
        // stopped; the temporary nodes stopped too; the target's pods running as those nodes.
        "Plans/k8s-to-k8s.cmplan:35-stop-source-datacenter:44-rollback-restart-source",
        "Plans/k8s-to-k8s.cmplan:38-start-target-datacenter:44-rollback-restart-source",
        // 5.0: the stopped new datacenter leaves the ring before any ALTER (else refused).
        "Plans/k8s-handover-5.cmplan:35-start-target-datacenter:41-rollback-restart-source",
        // Two source datacenters restart; the consolidated one leaves.
        "Tests/Fixtures/build/consolidate-handover.cmplan:36-stop-temporary-datacenter:44-rollback-restart-source",
    ])
    func aRollbackLeavesTheSourceWhole(planAndStep: String) throws {
        let parts = planAndStep.split(separator: ":").map(String.init)
        let outcome = try CLI.run(["rehearse", parts[0], "--roll-back-after", parts[1]] + (parts.count > 2 ? ["--roll-back-with", parts[2]] : []))
        #expect(outcome.status == 0, "\(planAndStep): \(outcome.stdout.suffix(2500))\(outcome.stderr)")
        #expect(outcome.stdout.contains("verdict: PASS: the rollback left the source whole"), "\(outcome.stdout.suffix(1500))")
        #expect(outcome.stdout.contains("done  ") && outcome.stdout.contains("already done"), "the second rollback run: \(outcome.stdout.suffix(800))")
    }

    /// A rollback that clears the snapshot but leaves native transport off: the simulator, not
    /// the runbook's own check, names every node that still refuses clients.
    @Test func aRollbackThatLeavesTheSourceFrozenFails() throws {
        let outcome = try RehearsalTests().rehearseBrokenBuild("Plans/ec2-snapshot-load.cmplan", extra: ["--roll-back-after", "12-load-snapshots"]) { text in
            text.replacingOccurrences(of: "  cass_mutate \"$1\" \"$2\" \"$3\" \"$4\" nodetool enablebinary || return 1\n", with: "")
        }
        #expect(outcome.status == 1, "\(outcome.stdout.suffix(2500))")
        #expect(outcome.stdout.contains("still refuses clients (native transport off)"), "\(outcome.stdout.suffix(2500))")
    }

    /// Once the source left replication, the extend's way back is gone: its premise refuses.
    @Test func theExtendRollbackRefusesOnceTheSourceLeftReplication() throws {
        let outcome = try CLI.run(["rehearse", "Plans/k8s-extend.cmplan", "--roll-back-after", "24-drop-source-replication"])
        #expect(outcome.status == 1, "\(outcome.stdout.suffix(2500))")
        #expect(outcome.stdout.contains("is not safe to run") && outcome.stdout.contains("This way back is gone"), "\(outcome.stdout.suffix(2500))")
    }

    /// Once the window stopped the source, the handover's rollback refuses: the source must be
    /// restarted first (PLAN.md's way back from cutover).
    @Test func theHandoverRollbackRefusesOnceTheSourceStopped() throws {
        let outcome = try CLI.run(["rehearse", "Plans/k8s-to-k8s.cmplan", "--roll-back-after", "35-stop-source-datacenter"])
        #expect(outcome.status == 1, "\(outcome.stdout.suffix(2500))")
        #expect(outcome.stdout.contains("is not safe to run") && outcome.stdout.contains("This way back is gone"), "\(outcome.stdout.suffix(2500))")
    }

    /// Once the clients are confirmed on the target they may have written there: the way back
    /// from the window refuses, saying why, and changes nothing.
    @Test func theHandoverWindowRollbackRefusesOnceTheClientsSwitched() throws {
        let outcome = try CLI.run([
            "rehearse", "Plans/k8s-to-k8s.cmplan", "--roll-back-after", "39-confirm-clients-switched", "--roll-back-with", "44-rollback-restart-source",
        ])
        #expect(outcome.status == 1, "\(outcome.stdout.suffix(2500))")
        #expect(outcome.stdout.contains("confirm-clients-switched was confirmed"), "\(outcome.stdout.suffix(2500))")
        #expect(outcome.stdout.contains("is not safe to run") && outcome.stdout.contains("This way back is gone"), "\(outcome.stdout.suffix(2500))")
        #expect(!outcome.stdout.contains("data loss"), "\(outcome.stdout.suffix(2500))")
    }

    /// The body of the window rollback's action in a runbook, edited line by line.
    func editWindowRollback(_ text: String, _ edit: ([String]) -> [String]) -> String {
        guard let start = text.range(of: "_rollback_restart_source_action() {\n"),
            let end = text.range(of: "\n}\n", range: start.upperBound..<text.endIndex)
        else { return text }
        let body = text[start.upperBound..<end.lowerBound].split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return text.replacingCharacters(in: start.upperBound..<end.lowerBound, with: edit(body).joined(separator: "\n"))
    }

    /// On 5.0 the target's pods, stopped by scaling (SIGTERM: the shutdown hook drains, so peers
    /// record `shutdown`), block every ALTER KEYSPACE until they leave the ring: the 3.x order,
    /// replication first, is refused (AlterKeyspaceStatement.validateNoRangeMovements).
    @Test func theWindowRollbackOn50RemovesTheStoppedNodesBeforeAnyAlter() throws {
        let outcome = try RehearsalTests().rehearseBrokenBuild(
            "Plans/k8s-handover-5.cmplan", extra: ["--roll-back-after", "35-start-target-datacenter", "--roll-back-with", "41-rollback-restart-source"]
        ) { text in
            editWindowRollback(text) { body in
                let removes = body.filter { $0.hasPrefix("  remove_datacenter_nodes") }
                var rest = body.filter { !$0.hasPrefix("  remove_datacenter_nodes") }
                let lastDrop = rest.lastIndex { $0.hasPrefix("  drop_replication") } ?? rest.count - 1
                rest.insert(contentsOf: removes, at: lastDrop + 1)
                return rest
            }
        }
        #expect(outcome.status == 1, "\(outcome.stdout.suffix(2500))")
        #expect(outcome.stdout.contains("Cannot alter RF while some endpoints are not in normal state"), "\(outcome.stdout.suffix(2500))")
    }

    /// A window rollback that leaves the target's pods running cannot remove their nodes
    /// (removenode refuses a live node), and one that leaves the source's operator held fails
    /// the verdict: nothing would reconcile the source again.
    @Test func aWindowRollbackMustStopTheTargetAndReleaseTheSourceOperator() throws {
        let running = try RehearsalTests().rehearseBrokenBuild(
            "Plans/k8s-to-k8s.cmplan", extra: ["--roll-back-after", "38-start-target-datacenter", "--roll-back-with", "44-rollback-restart-source"]
        ) { text in
            editWindowRollback(text) { body in body.filter { !$0.hasPrefix("  scale 'new-cluster'") && !$0.hasPrefix("  wait_pods_gone 'new-cluster'") } }
        }
        #expect(running.status == 1, "\(running.stdout.suffix(2500))")
        #expect(running.stdout.contains("datacenter x2 still has nodes up"), "\(running.stdout.suffix(2500))")
        let held = try RehearsalTests().rehearseBrokenBuild(
            "Plans/k8s-to-k8s.cmplan", extra: ["--roll-back-after", "36-stop-temporary-datacenter", "--roll-back-with", "44-rollback-restart-source"]
        ) { text in
            editWindowRollback(text) { body in body.filter { !$0.hasPrefix("  release_operator") } }
        }
        #expect(held.status == 1, "\(held.stdout.suffix(2500))")
        #expect(held.stdout.contains("the source's operator statefulset/rook-cassandra-system/rook-cassandra-operator is held at zero replicas"), "\(held.stdout.suffix(2500))")
    }

    /// A handover rollback that leaves the temporary StatefulSets and the borrowed volumes in
    /// the source cluster fails: the source must end as it began.
    @Test func aHandoverRollbackThatLeavesTemporaryObjectsFails() throws {
        let outcome = try RehearsalTests().rehearseBrokenBuild("Plans/k8s-to-k8s.cmplan", extra: ["--roll-back-after", "32-verify-x2"]) { text in
            text.split(separator: "\n", omittingEmptySubsequences: false).filter {
                !($0.hasPrefix("  delete_object 'old-cluster' 'cassandra' 'statefulset' 'cmplan-k8s-to-k8s-x2-rack1'")
                    || $0.hasPrefix("  delete_object 'old-cluster' '-' 'persistentvolume' 'cmplan-k8s-to-k8s-x2")
                    || $0.hasPrefix("  object_absent 'old-cluster' 'cassandra' 'statefulset' 'cmplan-k8s-to-k8s-x2-rack1'")
                    || $0.hasPrefix("  object_absent 'old-cluster' '-' 'persistentvolume' 'cmplan-k8s-to-k8s-x2"))
            }.joined(separator: "\n")
        }
        #expect(outcome.status == 1, "\(outcome.stdout.suffix(2500))")
        #expect(outcome.stdout.contains("temporary object statefulset/cassandra/cmplan-k8s-to-k8s-x2-rack1 is still in the source cluster"), "\(outcome.stdout.suffix(2500))")
        #expect(outcome.stdout.contains("borrowed volume persistentvolume/"), "\(outcome.stdout.suffix(2500))")
    }

    @Test(arguments: [
        ["Plans/k8s-to-k8s.cmplan", "--roll-back-after", "43-rollback-remove-temporary-datacenter"],
        ["Plans/ec2-to-eks.cmplan", "--roll-back-after", "19-rollback-restart-machines"],
        ["Plans/ec2-to-eks.cmplan", "--roll-back-after", "99"],
        ["Plans/ec2-to-eks.cmplan", "--roll-back-after", "12-final-snapshots", "--twice"],
        ["Plans/k8s-to-k8s.cmplan", "--roll-back-after", "35-stop-source-datacenter", "--roll-back-with", "40-drop-source-replication"],
        ["Plans/k8s-to-k8s.cmplan", "--roll-back-with", "44-rollback-restart-source"],
    ])
    func aRollbackRehearsalNeedsARollbackStepAndAStepBeforeIt(arguments: [String]) throws {
        let outcome = try CLI.run(["rehearse"] + arguments)
        #expect(outcome.status == 2, "\(outcome.stdout.suffix(500))\(outcome.stderr)")
        #expect(outcome.stderr.contains("--roll-back-"), "\(outcome.stderr)")
    }
}
