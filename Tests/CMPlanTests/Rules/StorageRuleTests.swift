import CMPlan
import Foundation
import Testing

/// Storage and volume rules: each fires at the marked text, and not on a near miss.
@Suite struct StorageRuleTests {
    @Test func diskTooSmall() {
        // 3TiB × RF 3 / RF 3 / 3 nodes = 1TiB per target node.
        let tooSmall = expectRule(.diskTooSmall, PlanFragments.handover(newDisk: "disk = ‸100GiB", keyspace: "size = 3TiB"))
        #expect(tooSmall.first?.severity == .error)
        let tight = expectRule(.diskTooSmall, PlanFragments.handover(newDisk: "disk = ‸1.5TiB", keyspace: "size = 3TiB"))
        #expect(tight.first?.severity == .warning)
        expectNoRule(.diskTooSmall, PlanFragments.handover(newDisk: "disk = 2TiB", keyspace: "size = 3TiB"))
    }

    @Test func handoverNeedsTheTargetDisk() {
        let found = expectRule(.diskTooSmall, PlanFragments.handover(newDisk: "").replacingLast("datacenter \"x2\"", with: "datacenter ‸\"x2\""))
        #expect(found.first?.severity == .error)
        expectNoRule(.diskTooSmall, PlanFragments.handover())
    }

    @Test func diskTooSmallFallsBackOnTheSourceLoad() {
        expectRule(.diskTooSmall, PlanFragments.handover(oldDC: "load = 800GiB", newDisk: "disk = ‸500GiB"))
        expectNoRule(.diskTooSmall, PlanFragments.handover(oldDC: "load = 800GiB", newDisk: "disk = 2TiB"))
    }

    @Test func sourceDiskTight() {
        let found = expectRule(.sourceDiskTight, PlanFragments.handover(oldDC: "disk = ‸1TiB\nload = 900GiB", keyspace: "size = 3TiB"))
        #expect(found.first?.severity == .warning && found.first?.help?.contains("clear_snapshots = true") == true)
        expectNoRule(
            .sourceDiskTight,
            PlanFragments.handover(plan: "clear_snapshots = true", oldDC: "disk = 1TiB\nload = 900GiB", keyspace: "size = 3TiB"))
        expectNoRule(.sourceDiskTight, PlanFragments.handover(oldDC: "disk = 4TiB\nload = 900GiB", keyspace: "size = 3TiB"))
    }

    @Test func volumeNotPortable() {
        expectRule(.volumeNotPortable, PlanFragments.adoption(dc: "storage = ‸local"))
        expectNoRule(.volumeNotPortable, PlanFragments.adoption(dc: "storage = network"))
        expectNoRule(.volumeNotPortable, PlanFragments.handover(oldDC: "storage = local"))
    }

    @Test func volumeMissing() {
        let withoutVolume = PlanFragments.adoption()
            .replacingOccurrences(of: "      volume  = \"vol-0123456789abcdef1\"\n", with: "")
            .replacingOccurrences(of: "node \"n2\"", with: "node ‸\"n2\"")
        expectRule(.volumeMissing, withoutVolume)
        expectNoRule(.volumeMissing, PlanFragments.adoption())
    }

    @Test func zoneUnavailable() {
        expectRule(.zoneUnavailable, PlanFragments.adoption(targetDC: "zones = [\"us-east-1a\"]").replacingOccurrences(of: "\"us-east-1b\"", with: "‸\"us-east-1b\""))
        expectNoRule(.zoneUnavailable, PlanFragments.adoption(targetDC: "zones = [\"us-east-1a\", \"us-east-1b\"]"))
    }

    @Test func kubernetesVersion() {
        let old = PlanFragments.handover().replacingOccurrences(of: "operator  = casskop", with: "operator  = casskop\n    version = ‸\"1.21\"")
        expectRule(.kubernetesVersion, old)
        expectNoRule(
            .kubernetesVersion,
            PlanFragments.handover().replacingOccurrences(of: "operator  = casskop", with: "operator  = casskop\n    version = \"1.25\""))
    }

    /// What EC2's CreateVolume accepts (issue 17, part 1).
    @Test func ebsVolumeInvalid() {
        expectRule(.ebsVolumeInvalid, PlanFragments.adoption(targetDC: "iops = ‸6000"))
        expectRule(.ebsVolumeInvalid, PlanFragments.adoption(targetDC: "volume_type = \"gp3\"\niops = ‸20000"))
        expectRule(.ebsVolumeInvalid, PlanFragments.adoption(targetDC: "volume_type = ‸\"io2\""))
        expectRule(.ebsVolumeInvalid, PlanFragments.adoption(targetDC: "volume_type = ‸\"gp9\""))
        expectRule(.ebsVolumeInvalid, PlanFragments.adoption(targetDC: "volume_type = \"st1\"\niops = ‸500"))
        expectNoRule(.ebsVolumeInvalid, PlanFragments.adoption(targetDC: "volume_type = \"gp3\"\niops = 6000"))
        expectNoRule(.ebsVolumeInvalid, PlanFragments.adoption(targetDC: "volume_type = \"io2\"\niops = 100000"))
        expectNoRule(.ebsVolumeInvalid, PlanFragments.adoption())
    }
}
