extension SchemaDecoder {
    /// Decodes a datacenter; `onKubernetes` is nil when the cluster's placement is unknown.
    mutating func decodeDatacenter(_ block: Block, name: Located<String>, onKubernetes: Bool?) -> Datacenter? {
        var body = reader(for: block)
        let header = block.headerRange
        let nodes = integer(&body, "nodes", minimum: 1, required: onKubernetes == true ? "nodes = 3" : nil)
        let racks = rackList(&body, header: header)
        let from = reference(&body, "from")
        let load = quantity(&body, "load", .size).map { $0.map { Size(bytes: $0) } }
        let disk = quantity(&body, "disk", .size).map { $0.map { Size(bytes: $0) } }
        let storage = enumeration(&body, "storage", StorageKind.self) ?? Located(.network, at: header, isExplicit: false)
        let storageClass = string(&body, "storage_class")
        let zones = stringList(&body, "zones", nonEmpty: true)
        let volumeType = string(&body, "volume_type")
        let iops = integer(&body, "iops", minimum: 100)
        let keep = boolean(&body, "keep")
        var nodeBlocks: [(label: Located<String>, block: Block)] = []
        if onKubernetes == true {
            body.reject(
                "node", because: "node blocks describe machines (a cluster with an ssh block); in Kubernetes write nodes = N")
        } else {
            nodeBlocks = labeled(body.blocks("node"), kind: "node", example: "node \"cassandra-1\" { address = \"10.0.0.1\" }")
        }
        finish(body)

        let machines = nodeBlocks.compactMap { decodeNode($0.block, name: $0.label, racks: racks) }
        if onKubernetes == false && nodeBlocks.isEmpty {
            report(
                .error(
                    .missingAttribute, "datacenter \"\(name.value)\" on machines needs one node block per machine", at: header,
                    help: "add node \"cassandra-1\" { address = \"10.0.0.1\" } for each machine"))
        }
        if let nodes, !nodeBlocks.isEmpty, nodes.value != nodeBlocks.count {
            report(
                .error(
                    .invalidValue, "'nodes' says \(nodes.value) but the datacenter has \(nodeBlocks.count) node blocks",
                    at: nodes.range, help: "remove nodes; on machines it is the number of node blocks"))
        }
        let count = nodes ?? Located(nodeBlocks.count, at: header, isExplicit: false)
        guard count.value > 0 || onKubernetes == nil else { return nil }
        return Datacenter(
            name: name, nodeCount: count, racks: racks, from: from, load: load, disk: disk, storage: storage,
            storageClass: storageClass, zones: zones, volumeType: volumeType, iops: iops, nodes: machines, range: header, keep: keep)
    }

    private mutating func rackList(_ body: inout BodyReader, header: SourceRange) -> Located<[Located<String>]> {
        let fallback = Located([Located("rack1", at: header, isExplicit: false)], at: header, isExplicit: false)
        guard let racks = stringList(&body, "racks", nonEmpty: true) else { return fallback }
        var seen: [String: SourceRange] = [:]
        for rack in racks.value {
            if let first = seen[rack.value] {
                report(
                    .error(
                        .invalidValue, "rack \"\(rack.value)\" is listed twice", at: rack.range,
                        notes: [Note("first listed here", at: first)], help: "list each rack once"))
            }
            seen[rack.value] = rack.range
        }
        return racks
    }

    private mutating func decodeNode(_ block: Block, name: Located<String>, racks: Located<[Located<String>]>) -> Node? {
        var body = reader(for: block)
        let address = string(&body, "address", required: "address = \"10.0.0.1\" (the host ssh reaches)")
        let rackNames = racks.value.map(\.value)
        var rack = Located(rackNames.first ?? "rack1", at: block.headerRange, isExplicit: false)
        if let written = reference(&body, "rack") {
            if rackNames.contains(written.value) {
                rack = written
            } else {
                let help =
                    Suggestion.closest(to: written.value, in: rackNames).map { "did you mean '\($0)'?" }
                    ?? "add \"\(written.value)\" to the datacenter's racks, or use one of: \(rackNames.joined(separator: ", "))"
                report(
                    .error(
                        .unknownReference, "rack names no rack of the datacenter: \"\(written.value)\"", at: written.range,
                        notes: [Note("the datacenter's racks", at: racks.range)], help: help))
            }
        }
        let volume = string(&body, "volume")
        let zone = string(&body, "zone")
        finish(body)
        guard let address else { return nil }
        return Node(name: name, address: address, rack: rack, volume: volume, zone: zone, range: block.headerRange)
    }
}
