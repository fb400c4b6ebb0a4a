@testable import CMPlan
@testable import CMPlanSim
import Foundation
import Testing

/// The simulator prints nodetool's output as the real nodetool does: its formatting, fed the
/// rows of each recorded output in Tests/Fixtures/real/nodetool, gives that file byte for
/// byte (issue 13). The files come from a separate port of the Java (reproduce.py).
@Suite struct NodetoolFormatTests {
    typealias Row = NodetoolFormat.StatusRow

    static let note = "Non-system keyspaces don't have the same replication settings, effective ownership information is meaningless"

    /// The two datacenters of reproduce.py's TWO_DATACENTERS.
    static func twoDatacenters(tokens: Int) -> [(name: String, rows: [Row])] {
        [
            ("dc1", [
                Row(status: "U", state: "N", address: "10.0.1.11", load: "267.07 KiB", tokens: tokens, owns: "?", hostId: "2e1b8c3e-41f5-4b8e-9a7e-0d4cf1a2b301", token: "", rack: "rack1"),
                Row(status: "U", state: "N", address: "10.0.1.12", load: "1.5 TiB", tokens: tokens, owns: "?", hostId: "7a0c4d21-98b3-4f0e-b6a1-3c5d2e1f4a02", token: "", rack: "rack2"),
                Row(status: "D", state: "N", address: "10.0.1.13", load: "?", tokens: tokens, owns: "?", hostId: "c3f9e5b7-1d2a-4c6e-8f0b-9a7d6e5c4b03", token: "", rack: "rack3"),
            ]),
            ("dc2", [
                Row(status: "U", state: "J", address: "2001:db8:0:0:0:0:0:21", load: "0 bytes", tokens: tokens, owns: "?", hostId: "5d8e2f1a-3b4c-4d5e-9f6a-7b8c9d0e1f04", token: "", rack: "rack1"),
                Row(status: "U", state: "L", address: "2001:db8:0:0:0:0:0:22", load: "825.07 GiB", tokens: tokens, owns: "?", hostId: "9b1c3d5e-7f9a-4b2c-8d4e-6f8a0b2c4d05", token: "", rack: "rack2"),
            ]),
        ]
    }

    func corpus(_ path: String) throws -> String {
        try #require(FileBytes.readText(Repository.path("Tests/Fixtures/real/nodetool/" + path)))
    }

    /// The stream limits as each version prints them, defaults and set values alike.
    @Test func streamLimitsPrintAsTheRecordedOutputs() throws {
        func world(_ major: Int, _ minor: Int) -> World {
            World(clusters: [:], volumes: [:], rings: [:], cassandraMajor: major, cassandraMinor: minor, violations: [], failOnce: nil, killAfter: nil, counter: 0)
        }
        var old = world(3, 11)
        #expect(StreamLimitCommand.run(["getstreamthroughput"], hostId: "h", &old)?.stdout == (try corpus("streamthroughput/3.11-stream.txt")))
        #expect(StreamLimitCommand.run(["getinterdcstreamthroughput"], hostId: "h", &old)?.stdout == (try corpus("streamthroughput/4.0-interdc.txt")))
        var modern = world(5, 0)
        #expect(StreamLimitCommand.run(["getinterdcstreamthroughput", "-m"], hostId: "h", &modern)?.stdout == (try corpus("streamthroughput/5.0-interdc-mib.txt")))
        _ = StreamLimitCommand.run(["setstreamthroughput", "-m", "0"], hostId: "h", &modern)
        #expect(StreamLimitCommand.run(["getstreamthroughput", "-m"], hostId: "h", &modern)?.stdout == (try corpus("streamthroughput/5.0-unlimited.txt")))
        #expect(StreamLimitCommand.run(["setstreamthroughput", "-m", "24"], hostId: "h", &old)?.status == 1)
    }

    @Test func statusOf3xWithVnodesAndTwoDatacenters() throws {
        let text = NodetoolFormat.status(Self.twoDatacenters(tokens: 256), note: Self.note, major: 3, tokenPerNode: false)
        #expect(text == (try corpus("status/3.11-two-datacenters.txt")))
    }

    @Test func statusOf4xWithTwoDatacenters() throws {
        let text = NodetoolFormat.status(Self.twoDatacenters(tokens: 16), note: Self.note, major: 4, tokenPerNode: false)
        #expect(text == (try corpus("status/4.0-two-datacenters.txt")))
        #expect(text == (try corpus("status/5.0-two-datacenters.txt")))
    }

    @Test func statusOf3xWithOneTokenPerNode() throws {
        let tokens = ["-9223372036854775808", "-3074457345618258603", "3074457345618258602"]
        let rows = zip(Self.twoDatacenters(tokens: 1)[0].rows, tokens).map { row, token in
            var row = row
            row.owns = "33.3%"
            row.token = token
            return row
        }
        let text = NodetoolFormat.status([("datacenter1", rows)], note: nil, major: 3, tokenPerNode: true)
        #expect(text == (try corpus("status/3.11-one-token-per-node.txt")))
    }

    @Test func listSnapshotsOf30RunsALongTagIntoTheKeyspace() throws {
        let rows = [["cmplan-ec2-snapshot-load", "app", "events", "0 bytes", "1.2 GiB"], ["cmplan-ec2-snapshot-load", "app", "users", "0 bytes", "310.45 MiB"]]
        #expect(NodetoolFormat.listSnapshots(rows, total: "0 bytes", major: 3, minor: 0) == (try corpus("listsnapshots/3.0-long-tag.txt")))
        #expect(NodetoolFormat.listSnapshots(rows, total: "0 bytes", major: 3, minor: 11) == (try corpus("listsnapshots/3.11-long-tag.txt")))
    }

    /// FileUtils.stringifyFileSize through DecimalFormat("#.##").
    @Test(arguments: [(0, "0 bytes"), (1023, "1023 bytes"), (1024, "1 KiB"), (273_480, "267.07 KiB"), (1536, "1.5 KiB"),
                      (1_649_267_441_664, "1.5 TiB"), (885_915_385_201, "825.07 GiB"), (1_048_576 * 1025 / 1000, "1.02 MiB")])
    func fileSizes(bytes: Int, printed: String) {
        #expect(NodetoolFormat.fileSize(bytes) == printed)
    }
}

extension NodetoolFormatTests {
    @Test func clientStatsWithoutAllIsTheTotalAndTheUsers() throws {
        #expect(NodetoolFormat.clientStats(users: [("app_writer", 12), ("cassandra", 1)], connections: nil) == (try corpus("clientstats/4.0-two-users.txt")))
        #expect(NodetoolFormat.clientStats(users: [], connections: nil) == (try corpus("clientstats/4.0-none.txt")))
    }

    static let schema = "86afa796-d883-3932-aa73-6b017cef0d19"

    @Test func describeClusterAgreedDisagreeingAndUnreachableOn3xAnd4x() throws {
        let all = ["10.0.1.11", "10.0.1.12", "10.0.1.13"]
        #expect(NodetoolFormat.describeCluster(major: 3, name: "Test Cluster", versions: [(Self.schema, all)]) == (try corpus("describecluster/3.11-agreed.txt")))
        #expect(NodetoolFormat.describeCluster(major: 4, name: "Bob's Cluster", versions: [(Self.schema, all)]) == (try corpus("describecluster/4.0-agreed.txt")))
        let unreachable = [(Self.schema, ["10.0.1.11", "10.0.1.12"]), ("UNREACHABLE", ["10.0.1.13"])]
        #expect(NodetoolFormat.describeCluster(major: 3, name: "Test Cluster", versions: unreachable) == (try corpus("describecluster/3.11-unreachable.txt")))
        #expect(NodetoolFormat.describeCluster(major: 4, name: "Test Cluster", versions: unreachable) == (try corpus("describecluster/4.0-unreachable.txt")))
    }

    @Test func netstatsIdleAndRebuildingOn3xAnd4x() throws {
        let stream = NodetoolFormat.StreamRow(
            description: "Rebuild", plan: "3a1f5e20-8c4b-11ee-b9d1-0242ac120002", peer: "10.0.1.11",
            files: 12, bytes: 1_073_741_824, receivedFiles: 4, receivedBytes: 357_913_941)
        for (major, version) in [(3, "3.11"), (4, "4.0")] {
            #expect(NodetoolFormat.netStats(major: major, mode: "NORMAL", streams: [], completed: (0, 1204, 5120)) == (try corpus("netstats/\(version)-idle.txt")))
            #expect(NodetoolFormat.netStats(major: major, mode: "NORMAL", streams: [stream], completed: (0, 1204, 5120)) == (try corpus("netstats/\(version)-rebuilding.txt")))
        }
    }
}
