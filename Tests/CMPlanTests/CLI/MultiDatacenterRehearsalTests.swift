import CMPlan
import Foundation
import Testing

/// Sources with several datacenters (issue 17.2): one moves while another stays, and the
/// runbook must leave the one that stays exactly as it was. (The passing rehearsals of
/// keep-extend and consolidate-handover are in RehearsalTests.plans.)
@Suite struct MultiDatacenterRehearsalTests {
    static let plan = "Tests/Fixtures/build/keep-extend.cmplan"

    /// A decommission that takes a node of the kept datacenter too is caught by the verdict,
    /// which reads `keep` from the plan itself.
    @Test func decommissioningAKeptNodeFails() throws {
        let outcome = try RehearsalTests().rehearseBrokenBuild(Self.plan) { text in
            text.replacingOccurrences(
                of: "  decommission_nodes 'old-cluster' 'cassandra' '--force' 'cassandra-x1-rack1-sts-0/cassandra'",
                with: "  decommission_nodes 'old-cluster' 'cassandra' '--force' 'cassandra-analytics-rack1-sts-0/cassandra' 'cassandra-x1-rack1-sts-0/cassandra'")
        }
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("kept datacenter analytics has 2 nodes in the cluster, expected 3"), "\(outcome.stdout.suffix(2000))")
    }

    /// The system keyspaces start on SimpleStrategy; turning them into NetworkTopologyStrategy
    /// without the kept datacenter is what Cassandra 4.1 refuses for system_auth (a datacenter
    /// with live nodes missing from its map, CASSANDRA-17478), and would drop its replicas.
    @Test func aSystemKeyspaceMapWithoutTheKeptDatacenterIsRefused() throws {
        let outcome = try RehearsalTests().rehearseBrokenBuild(Self.plan) { text in
            text.replacingOccurrences(of: "'x1' 'x2' '3' 'analytics:3'", with: "'x1' 'x2' '3'")
        }
        #expect(outcome.status == 1)
        #expect(
            outcome.stdout.contains("Following datacenters have active nodes and must be present in replication options for keyspace system_auth: [analytics]"),
            "\(outcome.stdout.suffix(2000))")
    }
}

/// What a finished datacenter-extend leaves its target operator: able to reconcile.
@Suite struct ExtendEndStateTests {
    /// Without `forget-source-seeds` the new CassandraDatacenter keeps naming the retired
    /// source's pods as additionalSeeds; once they are gone cass-operator (1.7.0+) fails every
    /// reconcile on them, and the verdict says so.
    @Test func additionalSeedsOfARetiredSourceAreRemoved() throws {
        let outcome = try RehearsalTests().rehearseBrokenBuild("Plans/k8s-extend.cmplan") { text in
            text.replacingOccurrences(
                of: "  forget_additional_seeds 'new-cluster' 'cassandra' 'x2'\n", with: "  :\n")
                .replacingOccurrences(of: "additional_seeds_empty 'new-cluster' 'cassandra' 'x2' || return 1", with: ":")
        }
        #expect(outcome.status == 1)
        #expect(
            outcome.stdout.contains("cass-operator can no longer reconcile x2: its additional seed cassandra-0.cassandra.cassandra.svc.old.local does not resolve"),
            "\(outcome.stdout.suffix(2000))")
    }
}
