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
