/// How to go back from each phase of a strategy, for PLAN.md: what the runbook has changed by
/// the end of the phase, what undoes it, and what is lost by then (issue 17.3). It names the
/// steps by the ids this runbook gives them; where no way back exists any more it says so.
enum WayBack {
    /// One phase's way back.
    struct Entry: Sendable, Hashable {
        /// The phase the run has reached.
        var phase: Phase
        /// How to return to the state before the run.
        var how: String
        /// What that costs.
        var lost: String
    }

    /// The entries for a compiled runbook's strategy, phase by phase.
    static func entries(_ plan: Plan, steps: [Step]) -> [Entry] {
        func id(_ name: String) -> String {
            steps.first { $0.id.hasSuffix("-" + name) }.map { "`\($0.id)`" } ?? "`\(name)`"
        }
        // The source datacenters the run retires; one that stays (keep = true) is never touched.
        let source = DatacenterFates(plan: plan).retired.map(\.name.value).joined(separator: ", ")
        let target = plan.target.datacenters.map(\.name.value).joined(separator: ", ")
        let nothing = Entry(phase: .preflight, how: "nothing to undo: preflight only reads", lost: "nothing")
        switch plan.settings.strategy.value {
        case .datacenterHandover:
            let snapshots = plan.settings.clearSnapshots.value ? "the source's snapshots cleared by \(id("clear-source-snapshots"))" : "nothing"
            return [
                nothing,
                Entry(
                    phase: .prepare,
                    how: "run \(id("rollback-remove-temporary-datacenter")) (`--only`): the temporary \(target) leaves every keyspace's replication, its nodes are decommissioned, and its StatefulSets, Service, claims and borrowed volumes are deleted from the source cluster (Retain: the disks stay). The target side is yours: delete \(target)'s resource (a cass-operator CassandraDatacenter keeps its finalizer until its operator runs: release the operator after the delete), its claims, the Released volumes and their disks",
                    lost: "nothing: the source was only read and its replication is as before"),
                Entry(
                    phase: .migrate,
                    how: "the same step: it also takes \(target) out of every keyspace the migration altered",
                    lost: "\(snapshots); the streamed copies in \(target), which nothing reads"),
                Entry(
                    phase: .cutover,
                    how: "until the clients are confirmed on \(target) (\(id("confirm-clients-switched"))): run \(id("rollback-restart-source")) (`--only`): it stops \(target) wherever it runs (the target's pods, their operator held again, or the temporary pods), scales the source's StatefulSets back\(plan.source.kubernetes?.operatorWorkload == nil ? "" : " and releases its operator"), so \(source) restarts on its own disks, which the stop only drained; then \(target)'s stopped nodes leave the ring and every keyspace's replication, its temporary objects leave the source cluster, and the progress record goes; then start the clients again on \(source). The target side is yours, as after prepare. Once the clients are confirmed there the step refuses: they may have written to \(target), and the way forward is the target",
                    lost: "until the switch, nothing: no client wrote during the window; after it, every write \(target) took"),
                Entry(
                    phase: .retire,
                    // 4.0+ removes the stopped source nodes first (SourceRetirement.alterNeedsNoStoppedNodes).
                    how: SourceRetirement(version: plan.source.cassandraVersion.value).alterNeedsNoStoppedNodes
                        ? "none: from \(id("remove-source-nodes")) on \(source)'s nodes leave the ring and it then replicates nothing; the way forward is \(target)"
                        : "none: from \(id("drop-source-replication")) on \(source) replicates nothing and its nodes are removed; the way forward is \(target)",
                    lost: "\(source) itself"),
            ]
        case .datacenterExtend:
            return [
                nothing,
                Entry(
                    phase: .prepare,
                    how: "run \(id("rollback-remove-new-datacenter")) (`--only`): \(target) leaves every keyspace's replication, its nodes are decommissioned and its resource deleted (cass-operator deletes the claims with it; a StatefulSet's claims stay for you to delete)",
                    lost: "nothing: no keyspace replicates to \(target) yet"),
                Entry(
                    phase: .migrate,
                    how: "the same step: it also takes \(target) out of every keyspace the migration altered",
                    lost: "the copies streamed to \(target), which nothing else reads"),
                Entry(
                    phase: .cutover,
                    how: "point the clients back at \(source) (both datacenters hold every keyspace and the clients use a LOCAL_ consistency), then the same step; it refuses once \(id("drop-source-replication")) ran",
                    lost: "nothing: every write reached both datacenters"),
                Entry(
                    phase: .retire,
                    how: "none: from \(id("drop-source-replication")) on \(source) replicates nothing and its nodes leave the ring; the way forward is \(target)",
                    lost: "\(source) itself"),
            ]
        case .volumeAdoption:
            return [
                nothing,
                Entry(
                    phase: .prepare,
                    how: "nothing needs undoing: the warm-up snapshots change no volume; delete them (aws ec2 delete-snapshot, tag cmplan-plan=\(plan.name.value)) to stop paying for them",
                    lost: "nothing"),
                Entry(
                    phase: .cutover,
                    how: "run \(id("rollback-restart-machines")) (`--only`): it stops the pods, then starts Cassandra on the machines, whose volumes the migration never wrote",
                    lost: "before the clients write to the pods, nothing (the window stopped every write); after, every write the pods took"),
                Entry(
                    phase: .retire,
                    how: "the same step while the machines and their volumes exist; cmplanc deletes neither",
                    lost: "every write the pods took since the clients moved"),
            ]
        case .snapshotLoad:
            return [
                nothing,
                Entry(
                    phase: .prepare,
                    how: "delete the new cluster's resource and claims in the target cluster; the source was only read",
                    lost: "nothing"),
                Entry(
                    phase: .cutover,
                    how: "before the clients write to the new cluster: run \(id("rollback-reopen-source")) (`--only`): `nodetool enablebinary` (3.x: and `enablethrift`) on every source node and `nodetool clearsnapshot -t` the migration's snapshot; the clients stay on the source; the loaded cluster can go",
                    lost: "nothing before the clients write to the new cluster (the window stopped every client); after, every write it took"),
                Entry(
                    phase: .retire,
                    how: "the same step while the clients have not written to the new cluster: the source is whole, only its snapshot is cleared",
                    lost: "every write the new cluster took since the clients moved"),
            ]
        }
    }
}
