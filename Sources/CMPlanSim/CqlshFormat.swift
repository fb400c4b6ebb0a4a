import CMPlanModel
/// What the simulated cqlsh prints, in the real cqlsh's layout.
///
/// SOURCE: cqlsh 6.2.2 (`cqlshlib/cqlshmain.py`): `print_formatted_result` prints a blank line,
/// the column names left-justified (the line right-trimmed), dashes joined by `-+-`, each row's
/// values right-justified and joined by ` | `, a blank line and `(N rows)`; `describe_element`
/// (4.0 and later, server-side DESCRIBE) prints each create_statement between a blank line
/// and a newline. cqlsh 5.0.1 (`bin/cqlsh.py` of 3.0 and 3.11) prints DESCRIBE KEYSPACE
/// client-side: a blank line, the driver's `KeyspaceMetadata.export_as_string()` (statements
/// joined by blank lines), a newline and a blank line. Tests/Fixtures/real/cqlsh holds what the
/// real code prints; CqlshFormatTests compares.
enum CqlshFormat {
    /// A SELECT's result as `cqlsh -e` prints it (not on a terminal).
    static func table(_ names: [String], _ rows: [[String]]) -> String {
        let widths = names.indices.map { column in
            ([names[column]] + rows.map { column < $0.count ? $0[column] : "" }).map(\.count).max() ?? 0
        }
        func padded(_ text: String, _ width: Int, right: Bool) -> String {
            let padding = String(repeating: " ", count: max(0, width - text.count))
            return right ? padding + text : text + padding
        }
        var header = " " + zip(names, widths).map { padded($0, $1, right: false) }.joined(separator: " | ")
        while header.hasSuffix(" ") { header.removeLast() }
        var text = "\n" + header + "\n"
        text += "-" + widths.map { String(repeating: "-", count: $0) }.joined(separator: "-+-") + "-\n"
        for row in rows {
            text += " " + zip(row, widths).map { padded($0, $1, right: true) }.joined(separator: " | ") + "\n"
        }
        return text + "\n(\(rows.count) rows)\n"
    }

    /// One table of the simulator's shape, `id uuid PRIMARY KEY, payload text`, as DESCRIBE
    /// prints its CREATE TABLE on Cassandra MAJOR.MINOR.
    static func createTable(keyspace: String, table: String, major: Int, minor: Int) -> String {
        let head = "CREATE TABLE \(keyspace).\(table) (\n    id uuid PRIMARY KEY,\n    payload text\n) WITH "
        let options: [String]
        if major >= 4 {
            // Cassandra 4.1+ (DescribeStatementTest.tableParametersCql); 4.0 prints the same less
            // allow_auto_snapshot, memtable and incremental_backups, which the simulator keeps.
            options = [
                "additional_write_policy = '99p'", "allow_auto_snapshot = true", "bloom_filter_fp_chance = 0.01",
                "caching = {'keys': 'ALL', 'rows_per_partition': 'NONE'}", "cdc = false", "comment = ''",
                "compaction = {'class': 'org.apache.cassandra.db.compaction.SizeTieredCompactionStrategy', 'max_threshold': '32', 'min_threshold': '4'}",
                "compression = {'chunk_length_in_kb': '16', 'class': 'org.apache.cassandra.io.compress.LZ4Compressor'}",
                "memtable = 'default'", "crc_check_chance = 1.0", "default_time_to_live = 0", "extensions = {}",
                "gc_grace_seconds = 864000", "incremental_backups = true", "max_index_interval = 2048",
                "memtable_flush_period_in_ms = 0", "min_index_interval = 128", "read_repair = 'BLOCKING'", "speculative_retry = '99p'",
            ]
        } else {
            // The Python driver's TableMetadataV3 prints the options a 3.x server keeps, sorted;
            // cdc exists from 3.8 on.
            options = [
                "bloom_filter_fp_chance = 0.01", "caching = {'keys': 'ALL', 'rows_per_partition': 'NONE'}",
            ] + (minor >= 8 ? ["cdc = false"] : []) + [
                "comment = ''",
                "compaction = {'class': 'org.apache.cassandra.db.compaction.SizeTieredCompactionStrategy', 'max_threshold': '32', 'min_threshold': '4'}",
                "compression = {'chunk_length_in_kb': '64', 'class': 'org.apache.cassandra.io.compress.LZ4Compressor'}",
                "crc_check_chance = 1.0", "dclocal_read_repair_chance = 0.1", "default_time_to_live = 0", "gc_grace_seconds = 864000",
                "max_index_interval = 2048", "memtable_flush_period_in_ms = 0", "min_index_interval = 128", "read_repair_chance = 0.0",
                "speculative_retry = '99PERCENTILE'",
            ]
        }
        return head + options.joined(separator: "\n    AND ") + ";"
    }

    /// DESCRIBE KEYSPACE's output: the keyspace statement, then each table's, framed as the
    /// cqlsh of that version frames them.
    static func describeKeyspace(_ statements: [String], major: Int) -> String {
        if major >= 4 {
            return statements.map { "\n" + $0 + "\n" }.joined()
        }
        return "\n" + statements.joined(separator: "\n\n") + "\n\n"
    }
}

/// A server error as the simulated cqlsh reports it.
///
/// SOURCE: cqlsh 6.2.2 `Shell.perform_simple_statement` prints `<class>: <message>` through
/// `printerr`, which prefixes `<stdin>:<line>:` in batch mode (`-e`) and writes to stderr;
/// `main` then exits 2. The class and message are those the Python driver raises
/// (`cassandra/protocol.py`: InvalidRequest carries `Error from server: code=2200 [Invalid
/// query] message="..."`, AlreadyExists its own sentence, ConfigurationException and
/// SyntaxException the server's text). Recorded in Tests/Fixtures/real/cqlsh/error.
enum CqlError: Sendable {
    /// 0x2200: the request is invalid (a missing keyspace or table).
    case invalidRequest(String)
    /// 0x2400: the keyspace, or the table of the keyspace, exists.
    case alreadyExists(keyspace: String, table: String?)
    /// 0x2300: the configuration refuses it (an unknown datacenter in replication).
    case configuration(String)
    /// 0x2000: the statement does not parse.
    case syntax(String)
    /// DESCRIBE's own error (4.0+: cqlsh prints only the server's message).
    case describe(String)

    /// What cqlsh writes on stderr.
    var stderr: String {
        let line: String
        switch self {
        case .invalidRequest(let message): line = "InvalidRequest: Error from server: code=2200 [Invalid query] message=\"\(message)\""
        case .alreadyExists(let keyspace, let table?): line = "AlreadyExists: Table '\(keyspace).\(table)' already exists"
        case .alreadyExists(let keyspace, nil): line = "AlreadyExists: Keyspace '\(keyspace)' already exists"
        case .configuration(let message): line = "ConfigurationException: \(message)"
        case .syntax(let message): line = "SyntaxException: \(message)"
        case .describe(let message): line = message
        }
        return "<stdin>:1:" + line + "\n"
    }

    /// cqlsh's exit status after it.
    static let status: Int32 = 2
}
