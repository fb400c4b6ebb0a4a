import CMPlanModel
/// The simulated `aws ec2` for volume-adoption: zones, volumes and snapshots with tags,
/// create-snapshot (a copy of the volume's content, consistent only if Cassandra was
/// stopped), create-volume from a snapshot in a zone, and the waits. New snapshots stay
/// `pending` and new volumes `creating` for a few describe calls (time passes as the runbook
/// polls), and `aws ec2 wait` on one still pending fails as the real waiter does once its 40
/// polls of 15 s are spent (botocore's EC2 waiter model): "Waiter SnapshotCompleted failed:
/// Max attempts exceeded", exit 255.
public enum AWSCLI {
    /// Runs one command line (arguments after `aws`).
    public static func run(_ arguments: [String], input: String = "", world: inout World) -> Kubectl.Output {
        var output = Kubectl.Output()
        guard arguments.first == "ec2", arguments.count >= 2 else {
            output.stderr = "aws: the simulator models ec2 only\n"
            output.status = 252
            return output
        }
        func option(_ name: String) -> String? {
            guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
            return arguments[index + 1]
        }
        func values(after name: String) -> [String] {
            guard let index = arguments.firstIndex(of: name) else { return [] }
            return Array(arguments[(index + 1)...].prefix { !$0.hasPrefix("--") })
        }
        /// `Name=tag:K,Values=V` filters.
        var filters: [String: String] = [:]
        for filter in values(after: "--filters") {
            let parts = filter.split(separator: ",", maxSplits: 1).map(String.init)
            guard parts.count == 2, parts[0].hasPrefix("Name=tag:"), parts[1].hasPrefix("Values=") else { continue }
            filters[String(parts[0].dropFirst("Name=tag:".count))] = String(parts[1].dropFirst("Values=".count))
        }
        func tags(_ specification: String?) -> [String: String] {
            var result: [String: String] = [:]
            guard let specification, let open = specification.firstIndex(of: "[") else { return result }
            for entry in specification[open...].split(separator: "}") {
                guard let key = entry.range(of: "Key="), let value = entry.range(of: ",Value=") else { continue }
                result[String(entry[key.upperBound..<value.lowerBound])] = String(entry[value.upperBound...])
            }
            return result
        }
        func matches(_ tags: [String: String]) -> Bool { filters.allSatisfy { tags[$0.key] == $0.value } }
        let query = option("--query") ?? ""
        switch arguments[1] {
        case "describe-availability-zones":
            output.stdout = "AVAILABILITYZONES\tus-east-1a\nAVAILABILITYZONES\tus-east-1b\nAVAILABILITYZONES\tus-east-1c\n"
        case "describe-volumes":
            var volume: World.Volume?
            if let id = values(after: "--volume-ids").first {
                volume = world.volumes[id]
                if let left = volume?.pendingPolls {
                    world.volumes[id]?.pendingPolls = left <= 1 ? nil : left - 1
                }
                if volume == nil {
                    output.stderr = "An error occurred (InvalidVolume.NotFound) when calling the DescribeVolumes operation: The volume '\(id)' does not exist.\n"
                    output.status = 254
                    return output
                }
            } else {
                volume = world.volumes.values.sorted { $0.handle < $1.handle }.first { !$0.tags.isEmpty && matches($0.tags) }
            }
            guard let volume else {
                output.stdout = "None\n"
                return output
            }
            let attached = world.machines.values.contains { $0.volume == volume.handle } || volume.mountedBy != nil
            let state = volume.pendingPolls != nil ? "creating" : attached ? "in-use" : "available"
            switch query {
            case "Volumes[0].Size": output.stdout = "\(volume.gibibytes)\n"
            case "Volumes[0].VolumeId": output.stdout = "\(volume.handle)\n"
            case "Volumes[0].State": output.stdout = "\(state)\n"
            case "Volumes[0].[VolumeId,State]": output.stdout = "\(volume.handle)\t\(state)\n"
            default:
                output.stdout = "\(volume.zone)\t\(volume.gibibytes)\t\(state)\t\(attached ? "attached" : "None")\n"
            }
        case "describe-snapshots":
            let found: (key: String, value: World.Snapshot)?
            if let id = values(after: "--snapshot-ids").first {
                guard let snapshot = world.snapshots[id] else {
                    output.stderr = "An error occurred (InvalidSnapshot.NotFound) when calling the DescribeSnapshots operation: The snapshot '\(id)' does not exist.\n"
                    output.status = 254
                    return output
                }
                found = (id, snapshot)
            } else {
                found = world.snapshots.sorted { $0.key < $1.key }.first { matches($0.value.tags) }
            }
            guard let found else {
                output.stdout = "None\n"
                return output
            }
            if let left = found.value.pendingPolls {
                world.snapshots[found.key]?.pendingPolls = left <= 1 ? nil : left - 1
            }
            let state = found.value.pendingPolls != nil ? "pending" : "completed"
            switch query {
            case "Snapshots[0].State": output.stdout = "\(state)\n"
            case "Snapshots[0].[SnapshotId,State]": output.stdout = "\(found.key)\t\(state)\n"
            default: output.stdout = "\(found.key)\n"
            }
        case "create-snapshot":
            guard let volumeId = option("--volume-id"), let volume = world.volumes[volumeId] else {
                output.stderr = "An error occurred (InvalidVolume.NotFound) when calling the CreateSnapshot operation\n"
                output.status = 254
                return output
            }
            let running = world.machines.values.contains { $0.volume == volumeId && $0.running }
            let id = "snap-\(String(world.nextId(), radix: 16).leftPadded(to: 17, with: "0"))"
            world.snapshots[id] = World.Snapshot(
                volume: volumeId, tags: tags(option("--tag-specifications")), node: volume.node, keyspaces: volume.keyspaces,
                consistent: !running, gibibytes: volume.gibibytes, pendingPolls: 2, filesystem: volume.filesystem)
            output.stdout = "\(id)\n"
            output.events.append("EBS: snapshot \(id) of \(volumeId)\(running ? " (Cassandra running: a crash-consistent copy)" : " (Cassandra stopped)")")
        case "create-volume":
            guard let snapshotId = option("--snapshot-id"), let snapshot = world.snapshots[snapshotId],
                let zone = option("--availability-zone")
            else {
                output.stderr = "An error occurred (InvalidSnapshot.NotFound) when calling the CreateVolume operation\n"
                output.status = 254
                return output
            }
            let id = "vol-\(String(world.nextId(), radix: 16).leftPadded(to: 17, with: "0"))"
            world.volumes[id] = World.Volume(
                handle: id, zone: zone, gibibytes: snapshot.gibibytes, node: snapshot.node, keyspaces: snapshot.keyspaces, mountedBy: nil,
                provisionedFor: nil, tags: tags(option("--tag-specifications")), copiedConsistently: snapshot.consistent, pendingPolls: 2,
                filesystem: snapshot.filesystem)
            output.stdout = "\(id)\n"
            output.events.append("EBS: volume \(id) in \(zone) from \(snapshotId)")
        case "wait":
            let waiter = arguments.count > 2 ? arguments[2] : ""
            let pending: Bool
            switch waiter {
            case "snapshot-completed": pending = values(after: "--snapshot-ids").contains { world.snapshots[$0]?.pendingPolls != nil }
            case "volume-available": pending = values(after: "--volume-ids").contains { world.volumes[$0]?.pendingPolls != nil }
            default: pending = false
            }
            if pending {
                let name = waiter.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
                output.stderr = "\nWaiter \(name) failed: Max attempts exceeded\n"
                output.status = 255
            }
        default:
            output.stderr = "aws: the simulator does not model ec2 \(arguments[1])\n"
            output.status = 252
        }
        return output
    }
}

/// The simulated `ssh USER@ADDRESS -- COMMAND`.
public enum SSHClient {
    /// Runs one command line (arguments after `ssh`).
    public static func run(_ arguments: [String], input: String = "", world: inout World) -> Kubectl.Output {
        var output = Kubectl.Output()
        guard let separator = arguments.firstIndex(of: "--"), separator + 1 < arguments.count,
            let destination = arguments[..<separator].last(where: { $0.contains("@") && !$0.hasPrefix("-") })
        else {
            output.stderr = "ssh: the simulator expects ssh [options] user@host -- command\n"
            output.status = 255
            return output
        }
        let address = String(destination.split(separator: "@").last ?? "")
        let command = ShellWords.split(arguments[(separator + 1)...].joined(separator: " "))
        var shell = MachineShell(address: address)
        shell.run(command, &world, &output, input: input)
        return output
    }
}
