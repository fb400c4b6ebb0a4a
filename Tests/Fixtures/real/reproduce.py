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

FILES = {
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


def main():
    check = "--check" in sys.argv[1:]
    stale = []
    for name, render in FILES.items():
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
