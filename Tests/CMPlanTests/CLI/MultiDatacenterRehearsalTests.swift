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

/// Two datacenters moved at once (two-extend): the rules that make it work on 4.1.
@Suite struct TwoDatacenterExtendTests {
    static let plan = "Tests/Fixtures/build/two-extend.cmplan"

    /// The SimpleStrategy system keyspaces become NetworkTopologyStrategy naming both new
    /// datacenters at once: a map without the second, which already has live nodes, is refused.
    @Test func theFirstConversionNamesEveryNewDatacenter() throws {
        let outcome = try RehearsalTests().rehearseBrokenBuild(Self.plan) { text in
            text.replacingOccurrences(of: "'x1' 'x2' '3' 'analytics:3' 'analytics2:3'", with: "'x1' 'x2' '3' 'analytics:3'")
        }
        #expect(outcome.status == 1)
        #expect(
            outcome.stdout.contains("must be present in replication options for keyspace system_auth: [analytics2]"), "\(outcome.stdout.suffix(2000))")
    }

    /// Once both source datacenters are decommissioned, system_auth drops them in one ALTER: a
    /// map that still names one of them is refused ("Unrecognized strategy option").
    @Test func bothRetiredDatacentersLeaveSystemAuthTogether() throws {
        let outcome = try RehearsalTests().rehearseBrokenBuild(Self.plan) { text in
            text.replacingOccurrences(
                of: "  drop_replication 'new-cluster' 'cassandra' 'cassandra-x2-r1-sts-0' 'cassandra' 'system_auth' 'x1' 'analytics'\n",
                with: "  drop_replication 'new-cluster' 'cassandra' 'cassandra-x2-r1-sts-0' 'cassandra' 'system_auth' 'x1'\n  drop_replication 'new-cluster' 'cassandra' 'cassandra-x2-r1-sts-0' 'cassandra' 'system_auth' 'analytics'\n")
        }
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("Unrecognized strategy option {analytics}"), "\(outcome.stdout.suffix(2000))")
    }

    /// The source's free-disk check takes the largest share over every datacenter rebuilt from:
    /// with x1 at six nodes, the analytics datacenter's nodes hold the larger share.
    @Test func theFreeDiskCheckTakesTheLargestShareOfEverySourceDatacenter() throws {
        let text = try #require(FileBytes.readText(Repository.path(Self.plan)))
            .replacingOccurrences(of: "    nodes = 3         # seed: nodetool status lists three nodes in x1", with: "    nodes = 6")
        let file = SourceFile(path: "two-extend.cmplan", text: text)
        guard case .files(_, let files, _) = Build.run(file), let plan = Frontend.run(file).plan else {
            Issue.record("the variant does not build")
            return
        }
        let users = try #require(plan.keyspaces.first { $0.name.value == "users" })
        let analytics = try #require(Replication(plan: plan).bytesPerNode(of: users, factor: 2, nodes: 3))
        let review = try #require(files.first { $0.path.hasSuffix("PLAN.md") }?.content)
        #expect(review.contains("room for the largest keyspace's share (\(Size(bytes: analytics)))"), "\(review.prefix(4000))")
    }

    /// PLAN.md gives each rebuild its own datacenter's bytes, not the total twice.
    @Test func eachRebuildHasItsOwnEstimate() throws {
        let text = try #require(FileBytes.readText(Repository.path(Self.plan)))
        guard case .files(_, let files, _) = Build.run(SourceFile(path: "two-extend.cmplan", text: text)) else {
            Issue.record("two-extend does not build")
            return
        }
        let review = try #require(files.first { $0.path.hasSuffix("PLAN.md") }?.content)
        #expect(review.contains("| 4h14m (1.4TiB at 48MiB/s × 2 nodes at once) |"), "\(review.prefix(4000))")
        #expect(review.contains("| 2h49m (954.67GiB at 48MiB/s × 2 nodes at once) |"))
        #expect(review.contains("| data to stream | 2.33TiB, about 7h4m of rebuilding before the clients' switch |"))
        #expect(review.contains("| app | {analytics: 2, x1: 3} | {analytics2: 2, x2: 3} |"))
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
