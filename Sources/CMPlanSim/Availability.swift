/// Whether the data could be served at a given moment, for the rehearsal's measured downtime:
/// some datacenter has a node up with its native transport on (not disabled, and not drained:
/// StorageService.drain stops the client servers, "stop accepting writes" as nodetool's help
/// says), and every member of that datacenter holds every keyspace the source held at the start.
/// Judged from the simulated world alone (ring members, volumes, `nodetool disablebinary` and
/// `drain`), never from the runbook's steps, so the rehearsal can compare where the outage fell
/// with the window PLAN.md announces.
extension World {
    /// Whether some datacenter of some ring can serve every keyspace in `servedKeyspaces` now
    /// (true when there are none to serve).
    public func servesEveryKeyspace() -> Bool {
        servingDatacenter() != nil || servedKeyspaces.isEmpty
    }

    /// The first datacenter that can serve every keyspace now, as "datacenter D of cluster C".
    public func servingDatacenter() -> String? {
        for ring in rings.values.sorted(by: { $0.clusterName < $1.clusterName }) {
            guard servedKeyspaces.allSatisfy({ ring.keyspaces[$0] != nil }) else { continue }
            for datacenter in Set(ring.members.values.map(\.datacenter)).sorted() {
                let live = ring.members.contains {
                    $0.value.datacenter == datacenter && $0.value.up && !binaryOff.contains($0.key) && shutDownHosts[$0.key] != true
                }
                if live, servedKeyspaces.allSatisfy({ datacenterComplete(ring, datacenter, keyspace: $0) }) {
                    return "datacenter \(datacenter) of cluster \(ring.clusterName)"
                }
            }
        }
        return nil
    }

    /// The timeline's line when a command changed whether the data can be served, or nil.
    public func availabilityChange(servedBefore: Bool) -> String? {
        let now = servesEveryKeyspace()
        guard now != servedBefore else { return nil }
        if now { return "SERVED: \(servingDatacenter() ?? "a datacenter") can serve every keyspace again" }
        return "OUTAGE: from here no datacenter can serve every keyspace (no node up with clients allowed in a datacenter holding them all)"
    }
}
