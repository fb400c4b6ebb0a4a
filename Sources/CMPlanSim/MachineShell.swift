import CMPlanModel
/// A simulated machine reached by ssh: systemctl for the Cassandra service, mountpoint, and
/// everything else through the same shell pods have (nodetool, cqlsh).
struct MachineShell {
    let address: String

    mutating func run(_ command: [String], _ world: inout World, _ output: inout Kubectl.Output, input: String = "") {
        var words = command
        if words.first == "sudo" { words.removeFirst() }
        guard let program = words.first, world.machines[address] != nil else {
            output.stderr = "ssh: connect to host \(address) port 22: No route to host\n"
            output.status = 255
            return
        }
        switch program {
        case "mountpoint":
            output.status = 0
        case "findmnt":
            // util-linux findmnt -n -o FSTYPE --target /var/lib/cassandra: the data volume's filesystem.
            guard words.contains("FSTYPE"), let volume = world.machines[address].flatMap({ world.volumes[$0.volume] }) else {
                output.stderr = "findmnt: the simulator answers only -n -o FSTYPE --target /var/lib/cassandra\n"
                output.status = 1
                return
            }
            output.stdout = volume.filesystem + "\n"
        case "systemctl":
            let verb = words.count > 1 ? words[1] : ""
            switch verb {
            case "is-active":
                output.stdout = world.machines[address]?.running == true ? "active\n" : "inactive\n"
                output.status = world.machines[address]?.running == true ? 0 : 3
            case "stop":
                stop(&world, &output)
            case "start":
                start(&world, &output)
            default:
                output.stderr = "systemctl: the simulator models is-active, stop and start\n"
                output.status = 1
            }
        default:
            var shell = PodShell(context: "machine", namespace: "ssh", pod: address)
            shell.run(words, &world, &output, input: input)
        }
    }

    func stop(_ world: inout World, _ output: inout Kubectl.Output) {
        guard world.machines[address]?.running == true else { return }
        world.machines[address]?.running = false
        let path = World.machinePath(address)
        for (ringId, ring) in world.rings {
            for (hostId, member) in ring.members where member.pod == path {
                // systemctl stop sends SIGTERM: the shutdown hook drains (World.shutDownHosts).
                if member.up { world.shutDownHosts[hostId] = true }
                world.rings[ringId]?.members[hostId]?.up = false
            }
        }
        output.events.append("\(address): Cassandra stopped")
    }

    func start(_ world: inout World, _ output: inout Kubectl.Output) {
        guard let machine = world.machines[address], !machine.running else { return }
        guard let identity = world.volumes[machine.volume]?.node, let ringId = world.ringId(of: identity.hostId) else {
            output.stderr = "Job for cassandra.service failed: this node was removed from the cluster\n"
            output.status = 1
            return
        }
        if let other = world.rings[ringId]?.members[identity.hostId], other.up, other.pod != World.machinePath(address) {
            world.violate("\(address) started Cassandra as host \(identity.hostId) while \(other.pod ?? "another node") runs it: two nodes share one identity")
        }
        world.machines[address]?.running = true
        world.rings[ringId]?.members[identity.hostId]?.up = true
        world.shutDownHosts[identity.hostId] = nil
        world.leaving[identity.hostId] = nil
        world.rings[ringId]?.members[identity.hostId]?.pod = World.machinePath(address)
        output.events.append("\(address): Cassandra started again (rollback)")
    }
}
