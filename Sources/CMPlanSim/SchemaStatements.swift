import CMPlanModel
/// The schema statements a snapshot-load runbook sends through cqlsh: DESCRIBE KEYSPACE,
/// CREATE KEYSPACE / CREATE TABLE (with Cassandra's AlreadyExists refusal when IF NOT EXISTS
/// is missing), the table listing and COUNT(*), against one simulated ring.
struct SchemaStatements {
    let shell: PodShell
    let ringId: String

    /// Whether the statement is one of these.
    static func handles(_ statement: String) -> Bool {
        let upper = statement.uppercased()
        return ["DESCRIBE KEYSPACE", "CREATE KEYSPACE", "CREATE TABLE", "SELECT TABLE_NAME FROM SYSTEM_SCHEMA.TABLES", "SELECT COUNT(*) FROM"]
            .contains { upper.hasPrefix($0) }
    }

    static func unquoted(_ name: Substring) -> String {
        String(name.hasPrefix("\"") && name.hasSuffix("\"") && name.count >= 2 ? name.dropFirst().dropLast() : name)
    }

    func run(_ statement: String, _ world: inout World, _ output: inout Kubectl.Output) {
        guard let ring = world.rings[ringId] else { return }
        let upper = statement.uppercased()
        let words = statement.split(whereSeparator: { $0 == " " || $0 == "\n" })
        if upper.hasPrefix("DESCRIBE KEYSPACE"), words.count >= 3 {
            let name = Self.unquoted(words[2])
            guard let replication = ring.keyspaces[name] else {
                return fail(.describe("'\(name)' not found in keyspaces"), &output)
            }
            let keyspace = "CREATE KEYSPACE \(name) WITH replication = \(PodShell.replicationText(replication, short: true))  AND durable_writes = true;"
            let tables = (ring.tables[name] ?? []).map {
                CqlshFormat.createTable(keyspace: name, table: $0, major: world.cassandraMajor, minor: world.cassandraMinor)
            }
            output.stdout = CqlshFormat.describeKeyspace([keyspace] + tables, major: world.cassandraMajor)
        } else if upper.hasPrefix("CREATE KEYSPACE") {
            createKeyspace(statement, words: words, &world, &output)
        } else if upper.hasPrefix("CREATE TABLE") {
            let ifNotExists = upper.hasPrefix("CREATE TABLE IF NOT EXISTS")
            let nameWord = words.count > (ifNotExists ? 5 : 2) ? words[ifNotExists ? 5 : 2] : ""
            let qualified = nameWord.prefix { $0 != "(" }.split(separator: ".")
            guard qualified.count == 2 else { return fail(.syntax("line 1:13 mismatched input: a table name needs its keyspace"), &output) }
            let keyspace = Self.unquoted(qualified[0])
            let table = Self.unquoted(qualified[1])
            guard ring.keyspaces[keyspace] != nil else { return fail(.invalidRequest("Keyspace \(keyspace) doesn't exist"), &output) }
            if ring.tables[keyspace]?.contains(table) == true {
                if !ifNotExists { return fail(.alreadyExists(keyspace: keyspace, table: table), &output) }
                return
            }
            world.rings[ringId]?.tables[keyspace, default: []].append(table)
            world.rings[ringId]?.tables[keyspace]?.sort()
            output.events.append("\(shell.pod): table \(keyspace).\(table) created")
        } else if upper.hasPrefix("SELECT TABLE_NAME") {
            let keyspace = statement.range(of: "keyspace_name = '").map { String(statement[$0.upperBound...].prefix { $0 != "'" }) } ?? ""
            let tables = ring.tables[keyspace] ?? []
            output.stdout = CqlshFormat.table(["table_name"], tables.map { [$0] })
        } else if words.count >= 4 {
            let qualified = words[3].split(separator: ".")
            guard qualified.count == 2 else { return fail(.syntax("line 1:21 mismatched input: COUNT(*) needs keyspace.table"), &output) }
            let keyspace = Self.unquoted(qualified[0])
            let table = Self.unquoted(qualified[1].prefix { $0 != ";" })
            guard ring.tables[keyspace]?.contains(table) == true else {
                return fail(.invalidRequest("table \(keyspace).\(table) does not exist"), &output)
            }
            let replicated = world.replicatingDatacenters(ring, keyspace: keyspace)
            let complete = replicated.contains { world.datacenterComplete(ring, $0, keyspace: keyspace) }
            let anyLoaded = world.loaded["\(ringId)/\(keyspace)"]?.contains { $0.hasSuffix("/\(table)") } == true
            let rows = complete ? World.rows(keyspace, table) : anyLoaded ? World.rows(keyspace, table) / 2 : 0
            output.stdout = CqlshFormat.table(["count"], [[String(rows)]])
        }
    }

    func createKeyspace(_ statement: String, words: [Substring], _ world: inout World, _ output: inout Kubectl.Output) {
        let ifNotExists = statement.uppercased().hasPrefix("CREATE KEYSPACE IF NOT EXISTS")
        let index = ifNotExists ? 5 : 2
        guard words.count > index, let open = statement.firstIndex(of: "{"), let close = statement.lastIndex(of: "}") else {
            return fail(.syntax("line 1:0 mismatched input"), &output)
        }
        let name = Self.unquoted(words[index])
        if world.rings[ringId]?.keyspaces[name] != nil {
            if !ifNotExists { fail(.alreadyExists(keyspace: name, table: nil), &output) }
            return
        }
        var replication: [String: Int] = [:]
        for entry in statement[statement.index(after: open)..<close].split(separator: ",") {
            let pair = entry.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].hasPrefix("'"), pair[0].hasSuffix("'") else {
                return fail(.syntax("line 1:0 no viable alternative: DC names are quoted strings"), &output)
            }
            if let factor = Int(pair[1].trimmingCharacters(in: ["'"])) { replication[String(pair[0].dropFirst().dropLast())] = factor }
        }
        // apache/cassandra 4.0+: NetworkTopologyStrategy.recognizedOptions is
        // Datacenters.getValidDatacenters() (the local datacenter and every TokenMetadata
        // endpoint's; down nodes count there, the simulator asks for a live one: stricter).
        let live = Set(world.rings[ringId]?.members.values.filter(\.up).map(\.datacenter) ?? [])
        for datacenter in replication.keys.sorted() where world.cassandraMajor >= 4 && !live.contains(datacenter) {
            return fail(.configuration("Unrecognized strategy option {\(datacenter)} passed to NetworkTopologyStrategy for keyspace \(name)"), &output)
        }
        world.rings[ringId]?.keyspaces[name] = replication
        world.rings[ringId]?.tables[name] = []
        output.events.append("\(shell.pod): keyspace \(name) created with \(replication.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }.joined(separator: ","))")
    }

    func fail(_ error: CqlError, _ output: inout Kubectl.Output) {
        output.stderr = error.stderr
        output.status = CqlError.status
    }
}
