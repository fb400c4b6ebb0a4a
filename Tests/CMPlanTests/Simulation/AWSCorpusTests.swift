@testable import CMPlan
@testable import CMPlanSim
import Testing

/// The simulated aws CLI answers the runbook's `--query ... --output text` reads as the real
/// CLI's text formatter prints them (Tests/Fixtures/real/aws, reproduced by reproduce_aws.py
/// from awscli's own TextFormatter): tab-separated multiselects and `None` for nothing found.
@Suite struct AWSCorpusTests {
    func corpus(_ path: String) throws -> String {
        try #require(FileBytes.readText(Repository.path("Tests/Fixtures/real/aws/" + path)))
    }

    static func world(mountedBy: String?) -> World {
        var volume = World.Volume(handle: "vol-0123456789abcdef0", zone: "eu-west-1a", gibibytes: 1024, node: nil, keyspaces: [])
        volume.mountedBy = mountedBy
        return World(clusters: [:], volumes: [volume.handle: volume], rings: [:], cassandraMajor: 4, violations: [], failOnce: nil, killAfter: nil, counter: 0)
    }

    func describeVolume(_ world: inout World, query: String) -> String {
        AWSCLI.run(["ec2", "describe-volumes", "--region", "eu-west-1", "--volume-ids", "vol-0123456789abcdef0", "--query", query, "--output", "text"], world: &world).stdout
    }

    @Test func volumesAttachedAndDetachedAnswerAsTheRealCLI() throws {
        let query = "Volumes[0].[AvailabilityZone,Size,State,Attachments[0].State]"
        var attached = Self.world(mountedBy: "machine db1")
        #expect(describeVolume(&attached, query: query) == (try corpus("describe-volumes/attached.txt")))
        var detached = Self.world(mountedBy: nil)
        #expect(describeVolume(&detached, query: query) == (try corpus("describe-volumes/detached.txt")))
    }

    @Test func nothingTaggedAnswersNoneAsTheRealCLI() throws {
        var world = Self.world(mountedBy: nil)
        for (query, file) in [("Snapshots[0].[SnapshotId,State]", "none-tagged.txt"), ("Snapshots[0].SnapshotId", "none-tagged-id.txt")] {
            let output = AWSCLI.run(["ec2", "describe-snapshots", "--region", "eu-west-1", "--filters", "Name=tag:cmplan-plan,Values=shop",
                                     "--query", query, "--output", "text"], world: &world)
            #expect(output.stdout == (try corpus("describe-snapshots/" + file)), "\(query)")
        }
    }
}
