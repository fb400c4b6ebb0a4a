#!/usr/bin/env python3
"""Reproduces the recorded outputs of Cassandra's tools from their real format code.

Each function below ports one printing routine of apache/cassandra line by line (the Java or
Python it follows is named beside it, and in SOURCE.md) and writes the output it prints for
the given rows. `reproduce.py` writes the files; `reproduce.py --check` fails when a file
differs from what its routine prints (the README's test command runs the check).
"""
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent


def java_left(value, width):
    """String.format("%-Ns", value): left-justified, never cut."""
    return str(value).ljust(width)


def status_3x(datacenters, note=None, token_per_node=False):
    """tools/nodetool/Status.java on 3.0 and 3.11 (io.airlift.command): one printf format for
    every row, the address column as wide as the longest address; "Owns (effective)" only when
    effective ownership could be computed, otherwise "Owns" with "?" and a trailing Note."""
    has_effective = note is None
    width = max(len(node["address"]) for _, nodes in datacenters for node in nodes)
    def row(status, state, address, load, tokens, owns, host, token, rack):
        text = f"{status}{state}  " + java_left(address, width) + "  " + java_left(load, 9) + "  "
        if not token_per_node:
            text += java_left(tokens, 11) + "  "
        text += java_left(owns, 16 if has_effective else 6) + "  "
        text += java_left(host, 36) + "  "
        if token_per_node:
            text += java_left(token, 39) + "  "
        return text + rack + "\n"
    out = ""
    for name, nodes in datacenters:
        header = f"Datacenter: {name}\n"
        out += header + "=" * (len(header) - 1) + "\n"
        out += "Status=Up/Down\n|/ State=Normal/Leaving/Joining/Moving\n"
        out += row("-", "-", "Address", "Load", "Tokens", "Owns (effective)" if has_effective else "Owns",
                   "Host ID", "Token", "Rack")
        for node in nodes:
            out += row(node["status"], node["state"], node["address"], node["load"], node.get("tokens", 256),
                       node.get("owns", "?"), node["host"], node.get("token", ""), node["rack"])
    out += "\n" + (f"Note: {note}\n" if note else "")
    return out


def table(rows, delimiter):
    """tools/nodetool/formatter/TableBuilder.printTo: each column as wide as its widest cell,
    cells left-justified, DELIMITER between columns (none after the last)."""
    widths = [max(len(row[i]) for row in rows if i < len(row)) for i in range(max(map(len, rows)))]
    out = ""
    for row in rows:
        cells = [java_left(row[i] if i < len(row) else "", widths[i]) for i in range(len(widths))]
        out += delimiter.join(cells) + "\n"
    return out


def status_40(datacenters, note=None, by_host_id=False):
    """tools/nodetool/Status.java on 4.0 and 4.1 (io.airlift.airline, TableBuilder.SharedTable,
    no sort options): one TableBuilder per datacenter sharing column widths ("  " between
    columns), a blank line between datacenters; rows in the order of an ArrayListMultimap's
    keys (a hash order: any order may be met). 5.0 (the --sort options) prints the same, rows
    sorted by host id under vnodes (by_host_id)."""
    has_effective = note is None
    owns = "Owns (effective)" if has_effective else "Owns"
    tables = []
    for _, nodes in datacenters:
        rows = [["--", "Address", "Load", "Tokens", owns, "Host ID", "Rack"]]
        for node in (sorted(nodes, key=lambda n: n["host"]) if by_host_id else nodes):
            rows.append([node["status"] + node["state"], node["address"], node["load"], str(node.get("tokens", 16)),
                         node.get("owns", "?"), node["host"], node["rack"]])
        tables.append(rows)
    widths = [max(len(row[i]) for rows in tables for row in rows) for i in range(7)]
    out = ""
    for index, ((name, _), rows) in enumerate(zip(datacenters, tables)):
        if index > 0:
            out += "\n"
        header = f"Datacenter: {name}\n"
        out += header + "=" * (len(header) - 1) + "\n"
        out += "Status=Up/Down\n|/ State=Normal/Leaving/Joining/Moving\n"
        for row in rows:
            out += "  ".join(java_left(cell, widths[i]) for i, cell in enumerate(row)) + "\n"
    out += "\n" + (f"Note: {note}\n" if note else "")
    return out


def listsnapshots_30(rows, total):
    """tools/nodetool/ListSnapshots.java on 3.0: printf "%-20s%-29s%-29s%-19s%-19s%n", so a
    snapshot name of 20 characters or more runs straight into the keyspace name."""
    def line(*cells):
        return "".join(java_left(cell, width) for cell, width in zip(cells, (20, 29, 29, 19, 19))) + "\n"
    out = "Snapshot Details: \n"
    out += line("Snapshot name", "Keyspace name", "Column family name", "True size", "Size on disk")
    for row in rows:
        out += line(*row)
    return out + f"\nTotal TrueDiskSpaceUsed: {total}\n\n"


def listsnapshots_311(rows, total):
    """tools/nodetool/ListSnapshots.java on 3.11: the same columns through TableBuilder (' ')."""
    out = "Snapshot Details: \n"
    out += table([["Snapshot name", "Keyspace name", "Column family name", "True size", "Size on disk"], *rows], " ")
    return out + f"\nTotal TrueDiskSpaceUsed: {total}\n\n"


def cqlsh_password_warning():
    """pylib/cqlshlib/cqlshmain.py read_options (4.1 and later): printed on stderr whenever -p is
    given without --insecure-password-without-warning, before cqlsh connects."""
    return ("\nWarning: Using a password on the command line interface can be insecure."
            "\nRecommendation: use the credentials file to securely provide the password.\n\n")


def describecluster(major, name, versions, partitioner="org.apache.cassandra.dht.Murmur3Partitioner"):
    """tools/nodetool/DescribeCluster.java. 3.x: name, snitch, partitioner and one
    `format("\t\t%s: %s%n")` per schema version printed with println (a blank line after each);
    4.0 adds DynamicEndPointSnitch and the sections after the versions; only the part the
    runbook reads (up to the schema versions) is reproduced, then the 4.0 "Stats for all nodes"."""
    out = "Cluster Information:\n"
    out += f"\tName: {name}\n"
    if major < 4:
        out += "\tSnitch: org.apache.cassandra.locator.DynamicEndpointSnitch\n"
    else:
        out += "\tSnitch: org.apache.cassandra.locator.GossipingPropertyFileSnitch\n\tDynamicEndPointSnitch: enabled\n"
    out += f"\tPartitioner: {partitioner}\n\tSchema versions:\n"
    for version, addresses in versions:
        out += f"\t\t{version}: [{', '.join(addresses)}]\n\n"
    if major >= 4:
        # Live and Unreachable count the gossiper's members; StorageProxy.describeSchemaVersions
        # lists a host that gave no schema version (an unreachable one) under "UNREACHABLE".
        live = sum(len(a) for version, a in versions if version != "UNREACHABLE")
        down = sum(len(a) for version, a in versions if version == "UNREACHABLE")
        out += f"Stats for all nodes:\n\tLive: {live}\n\tJoining: 0\n\tMoving: 0\n\tLeaving: 0\n\tUnreachable: {down}\n"
    return out


def netstats_40(mode, streams):
    """tools/nodetool/NetStats.java (4.0 and later, without -H): "Mode: %s", then "Not sending
    any streams." or per stream "%s %s" (the operation's description, such as Rebuild, and
    the plan id), each session's peer and its "Receiving ..." summary; then read repair and
    message pool statistics. No file is in progress in these (no per-file lines)."""
    out = f"Mode: {mode}\n"
    if not streams:
        out += "Not sending any streams.\n"
    for description, plan, peer, files, size, received_files, received_size in streams:
        out += f"{description} {plan}\n    /{peer}\n"
        out += (f"        Receiving {files} files, {size} bytes total. Already received {received_files} files "
                f"({received_files / files * 100:.2f}%), {received_size} bytes total ({received_size / size * 100:.2f}%)\n")
    out += "Read Repair Statistics:\nAttempted: 0\nMismatch (Blocking): 0\nMismatch (Background): 0\n"
    out += "%-25s%10s%10s%15s%10s\n" % ("Pool Name", "Active", "Pending", "Completed", "Dropped")
    for pool, completed in (("Large messages", 0), ("Small messages", 1204), ("Gossip messages", 5120)):
        out += "%-25s%10s%10s%15s%10s\n" % (pool, "n/a", 0, completed, 0)
    return out


def netstats_3x(mode, streams):
    """tools/nodetool/NetStats.java of 3.x (io.airlift.command; StreamState.description): as
    4.0 but the summary has no percentages ("Already received %d files, %d bytes total") and
    the message pools are printed without a Dropped column ("%-25s%10s%10s%15s%n")."""
    out = f"Mode: {mode}\n"
    if not streams:
        out += "Not sending any streams.\n"
    for description, plan, peer, files, size, received_files, received_size in streams:
        out += f"{description} {plan}\n    /{peer}\n"
        out += (f"        Receiving {files} files, {size} bytes total. Already received {received_files} files, "
                f"{received_size} bytes total\n")
    out += "Read Repair Statistics:\nAttempted: 0\nMismatch (Blocking): 0\nMismatch (Background): 0\n"
    out += "%-25s%10s%10s%15s\n" % ("Pool Name", "Active", "Pending", "Completed")
    for pool, completed in (("Large messages", 0), ("Small messages", 1204), ("Gossip messages", 5120)):
        out += "%-25s%10s%10s%15s\n" % (pool, "n/a", 0, completed)
    return out


def info_head(major, host_id):
    """tools/nodetool/Info.java: `printf("%-23s: %s%n", ...)`, ID first; 3.x prints Thrift
    active after Gossip active. Only the first lines (the runbook reads the ID)."""
    out = "%-23s: %s\n" % ("ID", host_id) + "%-23s: %s\n" % ("Gossip active", "true")
    if major < 4:
        out += "%-23s: %s\n" % ("Thrift active", "false")
    return out + "%-23s: %s\n" % ("Native Transport active", "true") + "%-23s: %s\n" % ("Load", "267.07 KiB")


def clientstats_40(users):
    """tools/nodetool/ClientStats.java (4.0 and later) without --all: the total of
    connectedNativeClientsByUser, a blank line, then User/Connections through TableBuilder."""
    total = sum(count for _, count in users)
    return f"Total connected clients: {total}\n\n" + table([["User", "Connections"], *[[u, str(c)] for u, c in users]], " ")


def statusbinary(running):
    """tools/nodetool/StatusBinary.java: "running" or "not running"."""
    return "running\n" if running else "not running\n"


def stream_throughput(label, value, unit, modern):
    """tools/nodetool/GetStreamThroughput.java and GetInterDCStreamThroughput.java: 3.x/4.0 print
    `"Current stream throughput: " + int + " Mb/s"`; 4.1+ print `"%s%n"` of `value + " MiB/s"`
    with -m (a Java double in 5.0: 24.0, an int in 4.1's first form: 24) or "unlimited" for 0
    (3.x/4.0 print 0 Mb/s). LABEL is "Current stream throughput" or "Current inter-datacenter
    stream throughput"."""
    if value == 0:
        return f"{label}: {'unlimited' if modern else '0 Mb/s'}\n"
    return f"{label}: {value} {unit}\n"


NOTE = "Non-system keyspaces don't have the same replication settings, effective ownership information is meaningless"
TWO_DATACENTERS = [
    ("dc1", [
        {"status": "U", "state": "N", "address": "10.0.1.11", "load": "267.07 KiB", "host": "2e1b8c3e-41f5-4b8e-9a7e-0d4cf1a2b301", "rack": "rack1"},
        {"status": "U", "state": "N", "address": "10.0.1.12", "load": "1.5 TiB", "host": "7a0c4d21-98b3-4f0e-b6a1-3c5d2e1f4a02", "rack": "rack2"},
        {"status": "D", "state": "N", "address": "10.0.1.13", "load": "?", "host": "c3f9e5b7-1d2a-4c6e-8f0b-9a7d6e5c4b03", "rack": "rack3"},
    ]),
    ("dc2", [
        {"status": "U", "state": "J", "address": "2001:db8:0:0:0:0:0:21", "load": "0 bytes", "host": "5d8e2f1a-3b4c-4d5e-9f6a-7b8c9d0e1f04", "rack": "rack1"},
        {"status": "U", "state": "L", "address": "2001:db8:0:0:0:0:0:22", "load": "825.07 GiB", "host": "9b1c3d5e-7f9a-4b2c-8d4e-6f8a0b2c4d05", "rack": "rack2"},
    ]),
]

CLIENTS = {
    "nodetool/clientstats/4.0-two-users.txt": lambda: clientstats_40([("app_writer", 12), ("cassandra", 1)]),
    "nodetool/clientstats/4.0-none.txt": lambda: clientstats_40([]),
    "nodetool/statusbinary/running.txt": lambda: statusbinary(True),
    "nodetool/statusbinary/not-running.txt": lambda: statusbinary(False),
    "nodetool/streamthroughput/3.11-stream.txt": lambda: stream_throughput("Current stream throughput", 200, "Mb/s", False),
    "nodetool/streamthroughput/4.0-interdc.txt": lambda: stream_throughput("Current inter-datacenter stream throughput", 200, "Mb/s", False),
    "nodetool/streamthroughput/4.1-stream-mib.txt": lambda: stream_throughput("Current stream throughput", 24, "MiB/s", True),
    "nodetool/streamthroughput/5.0-interdc-mib.txt": lambda: stream_throughput("Current inter-datacenter stream throughput", "24.0", "MiB/s", True),
    "nodetool/streamthroughput/5.0-unlimited.txt": lambda: stream_throughput("Current stream throughput", 0, "MiB/s", True),
}
SCHEMA = "86afa796-d883-3932-aa73-6b017cef0d19"
FILES = {
    "nodetool/describecluster/3.11-agreed.txt": lambda: describecluster(3, "Test Cluster", [(SCHEMA, ["10.0.1.11", "10.0.1.12", "10.0.1.13"])]),
    "nodetool/describecluster/3.11-disagreeing.txt": lambda: describecluster(
        3, "Test Cluster", [(SCHEMA, ["10.0.1.11", "10.0.1.12"]), ("0c8b2a61-3b9e-3f1d-9c4a-7e2d5b1f6a08", ["10.0.1.13"])]),
    "nodetool/describecluster/3.11-unreachable.txt": lambda: describecluster(
        3, "Test Cluster", [(SCHEMA, ["10.0.1.11", "10.0.1.12"]), ("UNREACHABLE", ["10.0.1.13"])]),
    "nodetool/describecluster/4.0-unreachable.txt": lambda: describecluster(
        4, "Test Cluster", [(SCHEMA, ["10.0.1.11", "10.0.1.12"]), ("UNREACHABLE", ["10.0.1.13"])]),
    "nodetool/describecluster/4.0-agreed.txt": lambda: describecluster(4, "Bob's Cluster", [(SCHEMA, ["10.0.1.11", "10.0.1.12", "10.0.1.13"])]),
    "nodetool/netstats/4.0-idle.txt": lambda: netstats_40("NORMAL", []),
    "nodetool/netstats/4.0-rebuilding.txt": lambda: netstats_40(
        "NORMAL", [("Rebuild", "3a1f5e20-8c4b-11ee-b9d1-0242ac120002", "10.0.1.11", 12, 1073741824, 4, 357913941)]),
    "nodetool/netstats/3.11-idle.txt": lambda: netstats_3x("NORMAL", []),
    "nodetool/netstats/3.11-rebuilding.txt": lambda: netstats_3x(
        "NORMAL", [("Rebuild", "3a1f5e20-8c4b-11ee-b9d1-0242ac120002", "10.0.1.11", 12, 1073741824, 4, 357913941)]),
    "nodetool/info/3.11-head.txt": lambda: info_head(3, "2e1b8c3e-41f5-4b8e-9a7e-0d4cf1a2b301"),
    "nodetool/info/4.0-head.txt": lambda: info_head(4, "2e1b8c3e-41f5-4b8e-9a7e-0d4cf1a2b301"),
    "cqlsh/stderr/4.1-password-warning.txt": cqlsh_password_warning,
    "nodetool/status/3.11-two-datacenters.txt": lambda: status_3x(TWO_DATACENTERS, note=NOTE),
    "nodetool/status/3.11-one-token-per-node.txt": lambda: status_3x(
        [("datacenter1", [dict(node, tokens=1, owns="33.3%", token=token) for node, token in
                          zip(TWO_DATACENTERS[0][1], ("-9223372036854775808", "-3074457345618258603", "3074457345618258602"))])],
        token_per_node=True),
    "nodetool/status/4.0-two-datacenters.txt": lambda: status_40(TWO_DATACENTERS, note=NOTE),
    "nodetool/status/5.0-two-datacenters.txt": lambda: status_40(
        [(name, list(reversed(nodes))) for name, nodes in TWO_DATACENTERS], note=NOTE, by_host_id=True),
    "nodetool/listsnapshots/3.0-long-tag.txt": lambda: listsnapshots_30(
        [("cmplan-ec2-snapshot-load", "app", "events", "0 bytes", "1.2 GiB"),
         ("cmplan-ec2-snapshot-load", "app", "users", "0 bytes", "310.45 MiB")], "0 bytes"),
    "nodetool/listsnapshots/3.11-long-tag.txt": lambda: listsnapshots_311(
        [("cmplan-ec2-snapshot-load", "app", "events", "0 bytes", "1.2 GiB"),
         ("cmplan-ec2-snapshot-load", "app", "users", "0 bytes", "310.45 MiB")], "0 bytes"),
}


def reproduced_by(folder, module, package):
    """The outputs a real tool's own code gives, from FOLDER/MODULE.py (cqlsh/reproduce_cqlsh.py,
    aws/reproduce_aws.py), which needs the pinned PACKAGE of scripts/requirements-test.txt."""
    sys.path.insert(0, str(HERE / folder))
    try:
        return __import__(module).FILES
    except ImportError as error:
        sys.exit(f"{package} is not installed ({error}): run scripts/test, which installs it into .tools/venv")


def main():
    check = "--check" in sys.argv[1:]
    stale = []
    for name, render in {**FILES, **CLIENTS, **reproduced_by("cqlsh", "reproduce_cqlsh", "cqlsh"), **reproduced_by("aws", "reproduce_aws", "awscli")}.items():
        path = HERE / name
        text = render()
        if check:
            if not path.exists() or path.read_text() != text:
                stale.append(name)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
    if stale:
        sys.exit("Tests/Fixtures/real is stale (run Tests/Fixtures/real/reproduce.py): " + ", ".join(stale))


if __name__ == "__main__":
    main()
