import Foundation

/// The EC2 side of a `--real-aws` rehearsal's starting world, and the check that the simulated
/// world and EC2 agree at its end.
extension RealAWS {
    /// Makes the world's machines in EC2: for each, an instance in its volume's zone and a gp3
    /// volume of its size attached to it, as the source runs on before a volume-adoption.
    /// EC2 (moto) picks its own ids, so the answer maps each volume id the plan names to the id
    /// EC2 gave its volume. Refuses an endpoint that already holds snapshots or volumes tagged
    /// with this plan (an earlier rehearsal's would be found and reused by the runbook).
    public func seed(world: World, region: String, plan: String) -> Result<[String: String], RealAWSProblem> {
        for (verb, key) in [("describe-snapshots", "Snapshots"), ("describe-volumes", "Volumes")] {
            switch describe(verb, key: key, region: region, extra: ["--filters", "Name=tag:cmplan-plan,Values=\(plan)"]) {
            case .failure(let problem): return .failure(problem)
            case .success(let items) where !items.isEmpty:
                return .failure(
                    "\(endpoint) already holds \(key.lowercased()) tagged cmplan-plan=\(plan) from an earlier rehearsal: start a new moto server (or POST \(endpoint)/moto-api/reset)"
                )
            case .success: break
            }
        }
        let image = invoke(["ec2", "describe-images", "--region", region, "--owners", "amazon", "--query", "Images[0].ImageId", "--output", "text"])
        let imageId = image.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        guard image.status == 0, imageId.hasPrefix("ami-") else { return .failure("no machine image to start instances from: \(image.stderr)") }
        var mapping: [String: String] = [:]
        for address in world.machines.keys.sorted() {
            guard let handle = world.machines[address]?.volume, let volume = world.volumes[handle] else { continue }
            let calls: [(String, [String])] = [
                ("instance", ["ec2", "run-instances", "--image-id", imageId, "--instance-type", "m5.xlarge", "--placement", "AvailabilityZone=\(volume.zone)",
                    "--query", "Instances[0].InstanceId"]),
                ("volume", ["ec2", "create-volume", "--availability-zone", volume.zone, "--size", "\(volume.gibibytes)", "--volume-type", "gp3",
                    "--query", "VolumeId"]),
            ]
            var ids: [String: String] = [:]
            for (name, arguments) in calls {
                let output = invoke(arguments + ["--region", region, "--output", "text"])
                let id = output.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
                guard output.status == 0, !id.isEmpty else { return .failure("cannot make the \(name) of machine \(address) in EC2: \(output.stderr)") }
                ids[name] = id
            }
            let attach = invoke([
                "ec2", "attach-volume", "--volume-id", ids["volume"] ?? "", "--instance-id", ids["instance"] ?? "", "--device", "/dev/xvdf",
                "--region", region, "--output", "text",
            ])
            guard attach.status == 0 else { return .failure("cannot attach the volume of machine \(address) in EC2: \(attach.stderr)") }
            mapping[handle] = ids["volume"]
        }
        return .success(mapping)
    }

    /// Where the simulated world and EC2 disagree: every EBS volume and snapshot the world
    /// holds (the machines' volumes, the snapshots, the volumes made from them) must be in EC2
    /// with the same zone, size, tags and origin, and EC2 must hold no copy of them that the
    /// world never learned.
    public func disagreements(world: World, region: String) -> [String] {
        let volumes: [[String: Any]]
        let snapshots: [[String: Any]]
        switch (describe("describe-volumes", key: "Volumes", region: region),
            describe("describe-snapshots", key: "Snapshots", region: region, extra: ["--owner-ids", "self"]))
        {
        case (.success(let v), .success(let s)):
            volumes = v
            snapshots = s
        case (.failure(let problem), _), (_, .failure(let problem)):
            return ["EC2 could not be read at the end: \(problem)"]
        }
        let ec2Volumes = Dictionary(volumes.compactMap { item in (item["VolumeId"] as? String).map { ($0, item) } }) { first, _ in first }
        let ec2Snapshots = Dictionary(snapshots.compactMap { item in (item["SnapshotId"] as? String).map { ($0, item) } }) { first, _ in first }
        var problems: [String] = []
        let ebs = Set(world.machines.values.map(\.volume)).union(world.volumes.values.filter { $0.copiedConsistently != nil }.map(\.handle))
        for handle in ebs.sorted() {
            guard let volume = world.volumes[handle] else { continue }
            guard let item = ec2Volumes[handle] else {
                problems.append("volume \(handle) is in the simulated world but not in EC2")
                continue
            }
            if item["AvailabilityZone"] as? String != volume.zone {
                problems.append("volume \(handle) is in \(volume.zone) in the simulated world, in \(item["AvailabilityZone"] as? String ?? "?") in EC2")
            }
            if item["Size"] as? Int != volume.gibibytes { problems.append("volume \(handle) differs in size between the simulated world and EC2") }
            if Self.tags(item) != volume.tags { problems.append("volume \(handle) has other tags in EC2 than in the simulated world") }
        }
        for (id, snapshot) in world.snapshots.sorted(by: { $0.key < $1.key }) {
            guard let item = ec2Snapshots[id] else {
                problems.append("snapshot \(id) is in the simulated world but not in EC2")
                continue
            }
            if item["VolumeId"] as? String != snapshot.volume { problems.append("snapshot \(id) copies another volume in EC2 than in the simulated world") }
            if Self.tags(item) != snapshot.tags { problems.append("snapshot \(id) has other tags in EC2 than in the simulated world") }
        }
        for (id, item) in ec2Snapshots.sorted(by: { $0.key < $1.key }) where world.snapshots[id] == nil {
            if let volume = item["VolumeId"] as? String, ebs.contains(volume) {
                problems.append("EC2 holds snapshot \(id) of \(volume) that the simulated world never learned")
            }
        }
        for (id, item) in ec2Volumes.sorted(by: { $0.key < $1.key }) where world.volumes[id] == nil {
            if let snapshot = item["SnapshotId"] as? String, ec2Snapshots[snapshot].flatMap({ $0["VolumeId"] as? String }).map(ebs.contains) == true {
                problems.append("EC2 holds volume \(id) made from \(snapshot) that the simulated world never learned")
            }
        }
        return problems
    }
}
