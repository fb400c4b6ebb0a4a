import Foundation

/// The real aws CLI pointed at a local EC2 endpoint (moto), for `cmplanc rehearse --real-aws`
/// (issue 18, item 1). The runbook's aws calls reach the real CLI unchanged and its answers
/// come back verbatim, so EC2's own argument rules judge them (moto's create_volume raises
/// InvalidParameterDependency for `--iops` without an IOPS volume type, as EC2 does). What
/// moto cannot know, what Cassandra wrote on each disk, stays in the world: after every
/// call that may have made something, the world learns EC2's new snapshots of its volumes and
/// new volumes from its snapshots, under EC2's own ids, which the simulated Kubernetes then
/// mounts through the PersistentVolume's volume handle.
public struct RealAWS: Codable, Sendable, Equatable {
    /// The aws CLI executable.
    public var cli: String
    /// The EC2 endpoint, `http://127.0.0.1:PORT`.
    public var endpoint: String

    /// Nil unless `endpoint` is an http(s) URL on the loopback interface: a rehearsal never
    /// creates snapshots or volumes in a real AWS account.
    public init?(cli: String, endpoint: String) {
        guard let url = URLComponents(string: endpoint), ["http", "https"].contains(url.scheme ?? ""),
            ["127.0.0.1", "localhost", "::1", "[::1]"].contains(url.host ?? "")
        else { return nil }
        self.cli = cli
        self.endpoint = endpoint
    }

    /// The CLI's environment: the endpoint, fake credentials, no configuration or credentials
    /// file of the user's, no instance metadata lookups.
    func environment() -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        for name in ["AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_DEFAULT_PROFILE", "AWS_CA_BUNDLE"] { environment[name] = nil }
        environment["AWS_ENDPOINT_URL"] = endpoint
        environment["AWS_ACCESS_KEY_ID"] = "testing"
        environment["AWS_SECRET_ACCESS_KEY"] = "testing"
        environment["AWS_CONFIG_FILE"] = "/dev/null"
        environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null"
        environment["AWS_EC2_METADATA_DISABLED"] = "true"
        environment["AWS_PAGER"] = ""
        return environment
    }

    /// Runs the real CLI with `arguments` (after `aws`).
    public func invoke(_ arguments: [String]) -> Kubectl.Output {
        var output = Kubectl.Output()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: cli)
        process.arguments = arguments
        process.environment = environment()
        process.standardInput = FileHandle.nullDevice
        // Its output goes to files, so neither stream can fill a pipe while the other is read.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cmplanc-real-aws-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let outFile = folder.appendingPathComponent("stdout")
        let errFile = folder.appendingPathComponent("stderr")
        guard (try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)) != nil,
            FileManager.default.createFile(atPath: outFile.path, contents: nil), FileManager.default.createFile(atPath: errFile.path, contents: nil),
            let out = try? FileHandle(forWritingTo: outFile), let err = try? FileHandle(forWritingTo: errFile)
        else {
            output.stderr = "aws (the real CLI): the simulator cannot create its output files in \(folder.path)\n"
            output.status = 126
            return output
        }
        process.standardOutput = out
        process.standardError = err
        do { try process.run() } catch {
            output.stderr = "aws (the real CLI at \(cli)) cannot start: \(error.localizedDescription)\n"
            output.status = 127
            return output
        }
        process.waitUntilExit()
        try? out.close()
        try? err.close()
        output.stdout = (try? String(contentsOf: outFile, encoding: .utf8)) ?? ""
        output.stderr = (try? String(contentsOf: errFile, encoding: .utf8)) ?? ""
        output.status = process.terminationStatus
        return output
    }

    /// One call of the runbook: the real CLI answers; the world learns what EC2 made.
    public func run(_ arguments: [String], world: inout World) -> Kubectl.Output {
        var output = invoke(arguments)
        let verb = arguments.count >= 2 && arguments[0] == "ec2" ? arguments[1] : ""
        guard output.status == 0, !verb.isEmpty, !verb.hasPrefix("describe-"), verb != "wait",
            let region = Self.option("--region", in: arguments)
        else { return output }
        switch learn(region: region, world: &world) {
        case .success(let events): output.events += events
        case .failure(let problem): output.events.append("EBS (real aws): \(problem)")
        }
        return output
    }

    /// The value after `name` in `arguments`.
    static func option(_ name: String, in arguments: [String]) -> String? {
        guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
        return arguments[index + 1]
    }

    /// EC2's answer to a describe call as JSON objects under `key`.
    func describe(_ verb: String, key: String, region: String, extra: [String] = []) -> Result<[[String: Any]], RealAWSProblem> {
        let output = invoke(["ec2", verb, "--region", region, "--output", "json"] + extra)
        guard output.status == 0 else { return .failure("aws ec2 \(verb) failed: \(output.stderr.trimmingCharacters(in: .whitespacesAndNewlines))") }
        guard let object = try? JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any],
            let items = object[key] as? [[String: Any]]
        else { return .failure("aws ec2 \(verb) printed no \(key) list") }
        return .success(items)
    }

    /// EC2's tag list as a dictionary.
    static func tags(_ item: [String: Any]) -> [String: String] {
        var tags: [String: String] = [:]
        for tag in item["Tags"] as? [[String: Any]] ?? [] {
            if let key = tag["Key"] as? String, let value = tag["Value"] as? String { tags[key] = value }
        }
        return tags
    }

    /// Brings the world up to date with EC2: its snapshots of the world's volumes (a copy of
    /// what is on the volume now, consistent only if Cassandra is stopped there) and its
    /// volumes made from the world's snapshots. Returns the timeline's lines.
    func learn(region: String, world: inout World) -> Result<[String], RealAWSProblem> {
        var events: [String] = []
        let snapshots: [[String: Any]]
        switch describe("describe-snapshots", key: "Snapshots", region: region, extra: ["--owner-ids", "self"]) {
        case .success(let items): snapshots = items
        case .failure(let problem): return .failure(problem)
        }
        for item in snapshots.sorted(by: { ($0["SnapshotId"] as? String ?? "") < ($1["SnapshotId"] as? String ?? "") }) {
            guard let id = item["SnapshotId"] as? String, world.snapshots[id] == nil,
                let volumeId = item["VolumeId"] as? String, let volume = world.volumes[volumeId]
            else { continue }
            let running = world.machines.values.contains { $0.volume == volumeId && $0.running }
            world.snapshots[id] = World.Snapshot(
                volume: volumeId, tags: Self.tags(item), node: volume.node, keyspaces: volume.keyspaces, consistent: !running,
                gibibytes: item["VolumeSize"] as? Int ?? volume.gibibytes, pendingPolls: nil, filesystem: volume.filesystem)
            events.append("EBS (real aws): snapshot \(id) of \(volumeId)\(running ? " (Cassandra running: a crash-consistent copy)" : " (Cassandra stopped)")")
        }
        let volumes: [[String: Any]]
        switch describe("describe-volumes", key: "Volumes", region: region) {
        case .success(let items): volumes = items
        case .failure(let problem): return .failure(problem)
        }
        for item in volumes.sorted(by: { ($0["VolumeId"] as? String ?? "") < ($1["VolumeId"] as? String ?? "") }) {
            guard let id = item["VolumeId"] as? String, world.volumes[id] == nil,
                let snapshotId = item["SnapshotId"] as? String, let snapshot = world.snapshots[snapshotId],
                let zone = item["AvailabilityZone"] as? String
            else { continue }
            world.volumes[id] = World.Volume(
                handle: id, zone: zone, gibibytes: item["Size"] as? Int ?? snapshot.gibibytes, node: snapshot.node,
                keyspaces: snapshot.keyspaces, mountedBy: nil, provisionedFor: nil, tags: Self.tags(item),
                copiedConsistently: snapshot.consistent, pendingPolls: nil, filesystem: snapshot.filesystem)
            events.append("EBS (real aws): volume \(id) in \(zone) from \(snapshotId)")
        }
        return .success(events)
    }
}

/// Why the real aws CLI could not do what the rehearsal needed, in words for the verdict.
public struct RealAWSProblem: Error, Sendable, Equatable, CustomStringConvertible, ExpressibleByStringInterpolation {
    /// The sentence.
    public var description: String

    public init(stringLiteral value: String) { description = value }
}
