import Foundation

extension SchemaDecoder {
    mutating func decodeKeyspace(_ block: Block, name: Located<String>) -> Keyspace? {
        var body = reader(for: block)
        // nil: no class in the map; .some(nil): a class, already reported as wrong.
        let simpleStrategyMap = simpleStrategy(&body)
        let simple = simpleStrategyMap ?? nil
        let replication: Located<[ReplicationFactor]>? =
            simpleStrategyMap == nil ? replicationMap(&body) : simple.map { Located([ReplicationFactor](), at: $0.range) }
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

    /// `replication = { class = "SimpleStrategy", replication_factor = N }`, as DESCRIBE KEYSPACE
    /// shows such a keyspace: N; `.some(nil)` for a map with a class that is wrong (reported);
    /// nil (and the map left for `replicationMap`) for a map without a class.
    private mutating func simpleStrategy(_ body: inout BodyReader) -> Located<Int>?? {
        guard let attribute = body.take("replication"), case .map(let map) = attribute.value.kind,
            map.entries.contains(where: { $0.key.name == "class" })
        else { return nil }
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
        guard !failed else { return .some(nil) }
        guard let factor else {
            report(
                .error(
                    .missingAttribute, "SimpleStrategy needs its replication_factor", at: attribute.value.range,
                    help: "write replication = { class = \"SimpleStrategy\", replication_factor = 3 } as DESCRIBE KEYSPACE shows it"))
            return .some(nil)
        }
        return .some(factor)
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
