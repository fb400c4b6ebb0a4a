import Foundation

extension SchemaDecoder {
    mutating func decodeKeyspace(_ block: Block, name: Located<String>) -> Keyspace? {
        var body = reader(for: block)
        var simple: Located<Int>?
        let replication: Located<[ReplicationFactor]>?
        switch simpleStrategy(&body) {
        case .datacenters: replication = replicationMap(&body)
        case .simple(let factor):
            simple = factor
            replication = Located([], at: factor.range)
        case .invalid: replication = nil
        }
        let targetReplication = integer(&body, "target_replication", minimum: 1)
        let size = quantity(&body, "size", .size).map { $0.map { Size(bytes: $0) } }
        let tables = integer(&body, "tables", minimum: 1) ?? Located(1, at: block.headerRange, isExplicit: false)
        finish(body)
        guard let replication else { return nil }
        var keyspace = Keyspace(
            name: name, replication: replication, targetReplication: targetReplication, size: size, tables: tables,
            range: block.headerRange)
        keyspace.simpleStrategyFactor = simple
        return keyspace
    }

    /// What a `replication` map declares.
    private enum ReplicationForm {
        /// Datacenter = replicas (NetworkTopologyStrategy): `replicationMap` reads it.
        case datacenters
        /// `{ class = "SimpleStrategy", replication_factor = N }`: N.
        case simple(Located<Int>)
        /// A map with a class that is not that (already reported).
        case invalid
    }

    /// `replication = { class = "SimpleStrategy", replication_factor = N }`, as DESCRIBE KEYSPACE
    /// shows such a keyspace; a map without a class is left for `replicationMap`.
    private mutating func simpleStrategy(_ body: inout BodyReader) -> ReplicationForm {
        guard let attribute = body.take("replication"), case .map(let map) = attribute.value.kind,
            map.entries.contains(where: { $0.key.name == "class" })
        else { return .datacenters }
        var factor: Located<Int>?
        var failed = false
        for entry in map.entries {
            switch entry.key.name {
            case "class":
                guard case .string(let text) = entry.value.kind, text == "SimpleStrategy" || text == "org.apache.cassandra.locator.SimpleStrategy" else {
                    report(
                        .error(
                            .invalidValue, "a replication map with a class must be SimpleStrategy's", at: entry.value.range,
                            help: "write replication = { class = \"SimpleStrategy\", replication_factor = 3 }, or a map of datacenter = replicas for NetworkTopologyStrategy"))
                    failed = true
                    continue
                }
            case "replication_factor":
                factor = integer(entry.value, what: "SimpleStrategy's replication_factor", minimum: 1)
                if factor == nil { failed = true }
            default:
                report(
                    .error(
                        .invalidValue, "SimpleStrategy takes replication_factor only, not \"\(entry.key.name)\"", at: entry.key.range,
                        help: "write replication = { class = \"SimpleStrategy\", replication_factor = 3 }"))
                failed = true
            }
        }
        guard !failed else { return .invalid }
        guard let factor else {
            report(
                .error(
                    .missingAttribute, "SimpleStrategy needs its replication_factor", at: attribute.value.range,
                    help: "write replication = { class = \"SimpleStrategy\", replication_factor = 3 } as DESCRIBE KEYSPACE shows it"))
            return .invalid
        }
        return .simple(factor)
    }

    private mutating func replicationMap(_ body: inout BodyReader) -> Located<[ReplicationFactor]>? {
        guard let attribute = body.take("replication") else {
            missing("replication", in: body, example: "replication = { dc1 = 3 } as DESCRIBE KEYSPACE shows it")
            return nil
        }
        let value = attribute.value
        guard case .map(let map) = value.kind else {
            if value.kind != .invalid {
                mismatch(
                    value, expected: "a map of datacenter = replicas", what: "'replication'",
                    help: "write replication = { dc1 = 3, dc2 = 3 }")
            }
            return nil
        }
        var factors: [ReplicationFactor] = []
        var seen: [String: SourceRange] = [:]
        var failed = false
        for entry in map.entries {
            if let first = seen[entry.key.name] {
                report(
                    .error(
                        .duplicateAttribute, "'replication' names datacenter \"\(entry.key.name)\" twice", at: entry.key.range,
                        notes: [Note("first named here", at: first)], help: "keep one entry per datacenter"))
                failed = true
                continue
            }
            seen[entry.key.name] = entry.key.range
            guard let factor = integer(entry.value, what: "the replication factor of \(entry.key.name)", minimum: 0) else {
                failed = true
                continue
            }
            factors.append(ReplicationFactor(datacenter: Located(entry.key.name, at: entry.key.range), factor: factor))
        }
        if map.entries.isEmpty {
            report(
                .error(
                    .invalidValue, "'replication' must name at least one datacenter", at: value.range,
                    help: "write replication = { dc1 = 3 } as DESCRIBE KEYSPACE shows it"))
            return nil
        }
        return failed ? nil : Located(factors, at: value.range)
    }

    mutating func decodeMonitoring(_ block: Block) -> Monitoring? {
        var body = reader(for: block)
        let exporter =
            enumeration(&body, "exporter", ExporterKind.self) ?? Located(.none, at: block.headerRange, isExplicit: false)
        let maxSeries = integer(&body, "max_series", minimum: 1)
        let keep = stringList(&body, "keep")
        finish(body)
        var failed = false
        for pattern in keep?.value ?? [] where (try? NSRegularExpression(pattern: pattern.value)) == nil {
            report(
                .error(
                    .invalidValue, "'\(pattern.value)' is not a valid regular expression", at: pattern.range,
                    help: "write a regular expression over metric names, e.g. \"cassandra_table_.*\""))
            failed = true
        }
        return failed ? nil : Monitoring(exporter: exporter, maxSeries: maxSeries, keep: keep, range: block.headerRange)
    }
}
