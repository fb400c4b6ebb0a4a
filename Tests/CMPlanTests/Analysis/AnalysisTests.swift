@testable import CMPlan
import Testing

/// The derived facts every stage reads from Analysis, each computed in one place.
@Suite struct AnalysisTests {
    func plan(_ text: String) throws -> Plan {
        let result = Frontend.run(SourceFile(path: "t.cmplan", text: text))
        return try #require(result.plan, "\(result.diagnostics.diagnostics.map(\.message))")
    }

    /// Cassandra owns its keyspaces by exact name (SchemaConstants): `systemlogs` is the user's.
    @Test func systemKeyspacesByExactName() throws {
        for name in ["system", "system_schema", "system_auth", "system_distributed", "system_traces", "system_views", "system_virtual_schema"] {
            #expect(SystemKeyspaces.contains(name), "\(name)")
        }
        for name in ["systemlogs", "system_logs", "systems", "app", "System"] {
            #expect(!SystemKeyspaces.contains(name), "\(name)")
        }
        let text = PlanFragments.handover(
            extra: "keyspace \"systemlogs\" {\n  replication = { x1 = 3 }\n}\nkeyspace \"system_auth\" {\n  replication = { x1 = 3 }\n}")
        #expect(try plan(text).userKeyspaces.map(\.name.value) == ["example", "systemlogs"])
    }

    /// The plan's round-robin spread, and CassKop's one count for every rack.
    @Test func rackSplits() {
        #expect(RackSplit.planned(nodes: 4, racks: 3) == [2, 1, 1])
        #expect(RackSplit.planned(nodes: 2, racks: 3) == [1, 1, 0])
        #expect(RackSplit.casskopNodesPerRack(nodes: 4, racks: 3) == 2)
        #expect(OperatorKind.casskop.profile.running(nodes: 4, racks: 3) == [2, 2, 2])
        #expect(OperatorKind.cassOperator.profile.running(nodes: 4, racks: 3) == [2, 1, 1])
        #expect(OperatorKind.rook.profile.running(nodes: 4, racks: 3) == RackSplit.planned(nodes: 4, racks: 3))
    }

    /// One per-node share, multiplied before dividing: 11 B over 3 source replicas at 2 target
    /// replicas on 1 node is 22 / 3 = 7 B (dividing first, as the rebuild preflight once did, gave 6).
    @Test func bytesPerNodeMultipliesBeforeDividing() throws {
        let parsed = try plan(PlanFragments.handover(keyspace: "size = 11B"))
        let keyspace = try #require(parsed.keyspaces.first)
        let replication = Replication(plan: parsed)
        #expect(replication.bytesPerNode(of: keyspace, factor: 2, nodes: 1) == 7)
        #expect(replication.bytesPerNode(of: keyspace, factor: 3, nodes: 3) == 3)
        #expect(replication.bytesPerNode(of: keyspace, factor: 0, nodes: 3) == 0)
    }
}
