/// The simulated `aws ec2` for volume-adoption: zones, volumes and snapshots with tags,
/// create-snapshot (a copy of the volume's content, consistent only if Cassandra was
/// stopped), create-volume from a snapshot in a zone, and the waits (instant here).
public enum AWSCLI {
    /// Runs one command line (arguments after `aws`).
    public static func run(_ arguments: [String], world: inout World) -> Kubectl.Output {
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
            let volume: World.Volume?
            if let id = values(after: "--volume-ids").first {
                volume = world.volumes[id]
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
            switch query {
            case "Volumes[0].Size": output.stdout = "\(volume.gibibytes)\n"
            case "Volumes[0].VolumeId": output.stdout = "\(volume.handle)\n"
            default:
                output.stdout = "\(volume.zone)\t\(volume.gibibytes)\t\(attached ? "in-use" : "available")\t\(attached ? "attached" : "None")\n"
            }
        case "describe-snapshots":
            let found = world.snapshots.sorted { $0.key < $1.key }.first { matches($0.value.tags) }
            output.stdout = "\(found?.key ?? "None")\n"
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
                consistent: !running, gibibytes: volume.gibibytes)
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
                provisionedFor: nil, tags: tags(option("--tag-specifications")), copiedConsistently: snapshot.consistent)
            output.stdout = "\(id)\n"
            output.events.append("EBS: volume \(id) in \(zone) from \(snapshotId)")
        case "wait":
            output.status = 0
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
    public static func run(_ arguments: [String], world: inout World) -> Kubectl.Output {
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
        shell.run(command, &world, &output)
        return output
    }
}
