"""cqlsh's own printing code, run on the rows a query would return (no server needed).

Imports the real cqlsh (the PyPI package pinned in scripts/requirements-test.txt: cqlsh 6.2.2,
Cassandra 5.0's cqlsh) and calls Shell.print_result, the routine `cqlsh -e` prints a SELECT
with, on a Shell made without connecting. The table layout (print_formatted_result) is the same
in the cqlsh of 3.x and 4.x; what differs by version is noted in SOURCE.md.
"""
import codecs
import io

import cassandra.cqltypes as types
from cqlshlib import cqlshmain
from cqlshlib.formatting import DEFAULT_DATE_FORMAT, DEFAULT_NANOTIME_FORMAT, DEFAULT_TIMESTAMP_FORMAT


class _Result:
    """What the driver's ResultSet gives print_result: names, types, one page of rows."""

    def __init__(self, names, column_types, rows):
        self.column_names = names
        self.column_types = column_types
        self.current_rows = [dict(zip(names, row)) for row in rows]
        self.has_more_pages = False


class _Metadata:
    keyspaces = {}


class _Connection:
    metadata = _Metadata()


def select_output(names, column_types, rows):
    """What `cqlsh -e "SELECT ..."` prints on stdout for these rows (not a terminal)."""
    shell = cqlshmain.Shell.__new__(cqlshmain.Shell)
    shell.color = False
    shell.tty = False
    shell.expand_enabled = False
    shell.shunted_query_out = None
    shell.query_out = io.StringIO()
    shell.output_codec = codecs.lookup("utf-8")
    shell.display_timestamp_format = DEFAULT_TIMESTAMP_FORMAT
    shell.display_date_format = DEFAULT_DATE_FORMAT
    shell.display_nanotime_format = DEFAULT_NANOTIME_FORMAT
    shell.display_timezone = None
    shell.display_float_precision = cqlshmain.DEFAULT_FLOAT_PRECISION
    shell.display_double_precision = cqlshmain.DEFAULT_DOUBLE_PRECISION
    shell.current_keyspace = None
    shell.conn = _Connection()
    shell.print_result(_Result(names, column_types, rows), None)
    return shell.query_out.getvalue()


TEXT = types.UTF8Type
REPLICATION = types.MapType.apply_parameters([types.UTF8Type, types.UTF8Type])

FILES = {
    "cqlsh/select/keyspaces-replication.txt": lambda: select_output(
        ["keyspace_name", "replication"], [TEXT, REPLICATION],
        [["app", {"class": "org.apache.cassandra.locator.NetworkTopologyStrategy", "dc1": "3", "dc2": "3"}],
         ["legacy", {"class": "org.apache.cassandra.locator.SimpleStrategy", "replication_factor": "2"}],
         ["system_auth", {"class": "org.apache.cassandra.locator.SimpleStrategy", "replication_factor": "1"}]]),
    "cqlsh/select/table-names.txt": lambda: select_output(
        ["table_name"], [TEXT], [["events"], ["users"], ["users_by_email"]]),
    "cqlsh/select/count.txt": lambda: select_output(["count"], [types.LongType], [[12345]]),
}


# DESCRIBE KEYSPACE. On 3.x it is client-side: cqlsh 5.0.1's describe_keyspace (bin/cqlsh.py of
# 3.0 and 3.11) prints a blank line, KeyspaceMetadata.export_as_string() of the bundled Python
# driver, "\n", and a blank line. export_as_string is run here from the real driver (the
# cassandra-driver that cqlsh 6.2.2 installs, 3.30.1; 3.11 bundles 3.11.0, whose statement
# layout is the same), on the metadata its schema parser builds from a 3.x server's
# system_schema rows. On 4.0 and later DESCRIBE runs on the server (DescribeStatement.java:
# the keyspace, its types, functions, aggregates, then each table followed by its indexes and
# views) and cqlsh's describe_element (the real one, below) prints each create_statement
# between blank lines; the statements are those DescribeStatementTest asserts (4.1 and later:
# allow_auto_snapshot, memtable, incremental_backups), a function body kept inside $$.

TAX_FUNCTION_BODY = "\n    java.math.BigDecimal rate = new java.math.BigDecimal(\"1.2\");\n    return amount.multiply(rate);\n"


def describe_keyspace_3x():
    """What cqlsh 5.0.1 prints for DESCRIBE KEYSPACE shop on Cassandra 3.11."""
    from cassandra import metadata

    keyspace = metadata.KeyspaceMetadata("shop", True, "org.apache.cassandra.locator.NetworkTopologyStrategy", {"dc1": "3"})
    table = metadata.TableMetadataV3("shop", "orders")
    table.options = {
        "bloom_filter_fp_chance": 0.01, "caching": {"keys": "ALL", "rows_per_partition": "NONE"}, "cdc": False, "comment": "",
        "compaction": {"class": "org.apache.cassandra.db.compaction.SizeTieredCompactionStrategy", "max_threshold": "32", "min_threshold": "4"},
        "compression": {"chunk_length_in_kb": "64", "class": "org.apache.cassandra.io.compress.LZ4Compressor"},
        "crc_check_chance": 1.0, "dclocal_read_repair_chance": 0.1, "default_time_to_live": 0, "gc_grace_seconds": 864000,
        "max_index_interval": 2048, "memtable_flush_period_in_ms": 0, "min_index_interval": 128, "read_repair_chance": 0.0,
        "speculative_retry": "99PERCENTILE"}
    columns = [metadata.ColumnMetadata(table, name, kind) for name, kind in
               [("customer_id", "uuid"), ("placed_at", "timestamp"), ("note", "text"), ("total", "decimal")]]
    for column in columns:
        table.columns[column.name] = column
    table.partition_key = [columns[0]]
    table.clustering_key = [columns[1]]
    index = metadata.IndexMetadata("shop", "orders", "orders_note_idx", "COMPOSITES", {"target": "note"})
    table.indexes[index.name] = index
    keyspace.indexes[index.name] = index
    keyspace.tables[table.name] = table
    address = metadata.UserType("shop", "address", ["street", "city"], ["text", "text"])
    keyspace.user_types[address.name] = address
    function = metadata.Function("shop", "total_with_tax", ["decimal"], ["amount"], "decimal", "java",
                                 TAX_FUNCTION_BODY, True, False, False, None)
    keyspace.functions[function.signature] = function
    return "\n" + keyspace.export_as_string() + "\n" + "\n"


TABLE_PARAMETERS_41 = (
    "additional_write_policy = '99p'\n"
    "    AND allow_auto_snapshot = true\n"
    "    AND bloom_filter_fp_chance = 0.01\n"
    "    AND caching = {'keys': 'ALL', 'rows_per_partition': 'NONE'}\n"
    "    AND cdc = false\n"
    "    AND comment = ''\n"
    "    AND compaction = {'class': 'org.apache.cassandra.db.compaction.SizeTieredCompactionStrategy', 'max_threshold': '32', 'min_threshold': '4'}\n"
    "    AND compression = {'chunk_length_in_kb': '16', 'class': 'org.apache.cassandra.io.compress.LZ4Compressor'}\n"
    "    AND memtable = 'default'\n"
    "    AND crc_check_chance = 1.0\n"
    "    AND default_time_to_live = 0\n"
    "    AND extensions = {}\n"
    "    AND gc_grace_seconds = 864000\n"
    "    AND incremental_backups = true\n"
    "    AND max_index_interval = 2048\n"
    "    AND memtable_flush_period_in_ms = 0\n"
    "    AND min_index_interval = 128\n"
    "    AND read_repair = 'BLOCKING'\n"
    "    AND speculative_retry = '99p';")


def describe_keyspace_41():
    """What cqlsh prints for DESCRIBE KEYSPACE shop on Cassandra 4.1 and later."""
    statements = [
        "CREATE KEYSPACE shop WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': '3'}  AND durable_writes = true;",
        "CREATE TYPE shop.address (\n    street text,\n    city text\n);",
        "CREATE FUNCTION shop.total_with_tax(amount decimal)\n    CALLED ON NULL INPUT\n    RETURNS decimal\n    LANGUAGE java\n"
        "    AS $$" + TAX_FUNCTION_BODY + "$$;",
        "CREATE TABLE shop.orders (\n    customer_id uuid,\n    placed_at timestamp,\n    note text,\n    total decimal,\n"
        "    PRIMARY KEY (customer_id, placed_at)\n) WITH CLUSTERING ORDER BY (placed_at ASC)\n    AND " + TABLE_PARAMETERS_41,
        "CREATE INDEX orders_note_idx ON shop.orders (note);",
    ]
    shell = cqlshmain.Shell.__new__(cqlshmain.Shell)
    shell.query_out = io.StringIO()
    import contextlib
    with contextlib.redirect_stdout(shell.query_out):
        shell.describe_element([{"create_statement": statement} for statement in statements])
    return shell.query_out.getvalue()


FILES["cqlsh/describe/3.11-keyspace.txt"] = describe_keyspace_3x
FILES["cqlsh/describe/4.1-keyspace.txt"] = describe_keyspace_41


def describe_keyspace_3x_compact():
    """DESCRIBE KEYSPACE on 3.11 with a table of COMPACT STORAGE, a clustering column and two
    regular columns (as Thrift made them): against a 3.x server the driver's TableMetadataV3
    counts every table as CQL-compatible (is_cql_compatible is True; the /* Warning */ form is
    for 2.x schemas) and prints it WITH COMPACT STORAGE."""
    from cassandra import metadata

    keyspace = metadata.KeyspaceMetadata("shop", True, "org.apache.cassandra.locator.NetworkTopologyStrategy", {"dc1": "3"})
    table = metadata.TableMetadataV3("shop", "legacy_events")
    table.options = {"comment": "", "gc_grace_seconds": 864000}
    table.is_compact_storage = True
    columns = [metadata.ColumnMetadata(table, name, kind) for name, kind in
               [("key", "blob"), ("column1", "text"), ("value", "blob"), ("extra", "text")]]
    for column in columns:
        table.columns[column.name] = column
    table.partition_key = [columns[0]]
    table.clustering_key = [columns[1]]
    keyspace.tables[table.name] = table
    return "\n" + keyspace.export_as_string() + "\n" + "\n"


FILES["cqlsh/describe/3.11-compact-storage.txt"] = describe_keyspace_3x_compact


def describe_virtual_keyspace_41():
    """DESCRIBE KEYSPACE system_virtual_schema on 4.1+: DescribeStatementTest's assertion for a
    virtual keyspace, printed by cqlsh's describe_element. The only DESCRIBE output that says
    it cannot be recreated with CQL."""
    statement = ("/*\n"
                 "Warning: Keyspace system_virtual_schema is a virtual keyspace and cannot be recreated with CQL.\n"
                 "Structure, for reference:\n"
                 "VIRTUAL KEYSPACE system_virtual_schema;\n"
                 "*/")
    shell = cqlshmain.Shell.__new__(cqlshmain.Shell)
    shell.query_out = io.StringIO()
    import contextlib
    with contextlib.redirect_stdout(shell.query_out):
        shell.describe_element([{"create_statement": statement}])
    return shell.query_out.getvalue()


FILES["cqlsh/describe/4.1-virtual-keyspace.txt"] = describe_virtual_keyspace_41


# The simulator's tables (id uuid PRIMARY KEY, payload text): DESCRIBE KEYSPACE of a keyspace
# with two of them, per version, for SimulatorFormatTests to compare with.
OPTIONS_30 = {
    "bloom_filter_fp_chance": 0.01, "caching": {"keys": "ALL", "rows_per_partition": "NONE"}, "comment": "",
    "compaction": {"class": "org.apache.cassandra.db.compaction.SizeTieredCompactionStrategy", "max_threshold": "32", "min_threshold": "4"},
    "compression": {"chunk_length_in_kb": "64", "class": "org.apache.cassandra.io.compress.LZ4Compressor"},
    "crc_check_chance": 1.0, "dclocal_read_repair_chance": 0.1, "default_time_to_live": 0, "gc_grace_seconds": 864000,
    "max_index_interval": 2048, "memtable_flush_period_in_ms": 0, "min_index_interval": 128, "read_repair_chance": 0.0,
    "speculative_retry": "99PERCENTILE"}


def describe_simple_keyspace_3x(with_cdc):
    """3.0 (no cdc option: it came in 3.8) and 3.11 (cdc = false), client-side as above."""
    from cassandra import metadata

    keyspace = metadata.KeyspaceMetadata("app", True, "org.apache.cassandra.locator.NetworkTopologyStrategy", {"dc1": "3", "dc2": "3"})
    for name in ["events", "users"]:
        table = metadata.TableMetadataV3("app", name)
        table.options = dict(OPTIONS_30, **({"cdc": False} if with_cdc else {}))
        columns = [metadata.ColumnMetadata(table, column, kind) for column, kind in [("id", "uuid"), ("payload", "text")]]
        for column in columns:
            table.columns[column.name] = column
        table.partition_key = [columns[0]]
        keyspace.tables[name] = table
    return "\n" + keyspace.export_as_string() + "\n" + "\n"


def describe_simple_keyspace_41():
    """4.1 and later, server-side as above."""
    statements = ["CREATE KEYSPACE app WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': '3', 'dc2': '3'}  AND durable_writes = true;"]
    for name in ["events", "users"]:
        statements.append(f"CREATE TABLE app.{name} (\n    id uuid PRIMARY KEY,\n    payload text\n) WITH " + TABLE_PARAMETERS_41)
    shell = cqlshmain.Shell.__new__(cqlshmain.Shell)
    shell.query_out = io.StringIO()
    import contextlib
    with contextlib.redirect_stdout(shell.query_out):
        shell.describe_element([{"create_statement": statement} for statement in statements])
    return shell.query_out.getvalue()


FILES["cqlsh/describe/3.0-two-tables.txt"] = lambda: describe_simple_keyspace_3x(False)
FILES["cqlsh/describe/3.11-two-tables.txt"] = lambda: describe_simple_keyspace_3x(True)
FILES["cqlsh/describe/4.1-two-tables.txt"] = describe_simple_keyspace_41


# cqlsh's errors. With -e, cqlsh reads its statement in batch mode (not a tty: show_line_nums)
# and Shell.perform_simple_statement prints `<class name>: <message>` through printerr, which
# prefixes `<stdin>:<line>:` and writes to stderr; main() then exits 2 (batch_mode and
# statement_error). The exception is the real driver's: cassandra.protocol's error message
# classes as the driver decodes a server's ERROR frame, turned into what future.result()
# raises by their own to_exception. The server's message texts are the simulator's (the
# framing is what is reproduced here).


class _FailingFuture:
    is_schema_agreed = True

    def __init__(self, error):
        self.error = error

    def result(self):
        raise self.error


class _FailingSession:
    def __init__(self, error):
        self.error = error

    def execute_async(self, statement, trace=False):
        return _FailingFuture(self.error)


def cqlsh_error(error_class, code, message, info=None):
    """What `cqlsh -e STATEMENT` prints on stderr when the server answers with this error."""
    import contextlib
    import sys as system

    shell = cqlshmain.Shell.__new__(cqlshmain.Shell)
    shell.session = _FailingSession(error_class(code=code, message=message, info=info).to_exception())
    shell.tracing_enabled = False
    shell.show_line_nums = True
    shell.color = False
    shell.lineno = 1
    shell.statement_error = False
    errors = io.StringIO()
    errors.name = "<stdin>"
    shell.stdin = errors
    with contextlib.redirect_stderr(errors):
        shell.perform_simple_statement("SELECT 1;")
    assert shell.statement_error
    return errors.getvalue()


def _protocol():
    from cassandra import protocol
    return protocol


FILES["cqlsh/error/invalid-request.txt"] = lambda: cqlsh_error(
    _protocol().InvalidRequestException, 0x2200, "Keyspace shop doesn't exist")
FILES["cqlsh/error/already-exists.txt"] = lambda: cqlsh_error(
    _protocol().AlreadyExistsException, 0x2400, "Cannot add already existing table \"orders\" to keyspace \"shop\"",
    {"keyspace": "shop", "table": "orders"})
FILES["cqlsh/error/configuration.txt"] = lambda: cqlsh_error(
    _protocol().ConfigurationException, 0x2300,
    "Unrecognized strategy option {dc9} passed to NetworkTopologyStrategy for keyspace shop")
FILES["cqlsh/error/syntax.txt"] = lambda: cqlsh_error(
    _protocol().SyntaxException, 0x2000, "line 1:0 mismatched input 'CREAT' expecting EOF")
