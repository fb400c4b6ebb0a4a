# shellcheck shell=bash
# Helpers of 70-snapshot-load.sh against recorded real output (Tests/Fixtures/real).

# A stub kubectl for a node holding snapshot TAG of keyspace app: listsnapshots answers with
# the corpus file LISTING, find with the snapshot's table directories as find prints them.
snapshot_node_stub() {
  cat <<STUB | stub kubectl
case "\$*" in
  *"nodetool listsnapshots"*) cat "\${CORPUS}/nodetool/listsnapshots/$1" ;;
  *" find /var/lib/cassandra/data "*"/snapshots/$2"*)
    printf '%s\n' /var/lib/cassandra/data/app/events-5a1b2c3d4e5f11e9a0b1c2d3e4f5a6b7/snapshots/$2 ;;
  *" find "*) ;;
  *) exit 1 ;;
esac
STUB
}

test_a_snapshot_with_a_long_tag_is_found_on_3_0() {
  local listing
  for listing in 3.0-long-tag.txt 3.11-long-tag.txt; do
    snapshot_node_stub "${listing}" cmplan-ec2-snapshot-load
    run node_has_snapshot ctx ns cassandra-0 cassandra cmplan-ec2-snapshot-load
    expect_equal "${STATUS}" 0 "node_has_snapshot's status when the node holds the snapshot (${listing})"
  done
}

test_a_snapshot_the_node_does_not_hold_is_not_found() {
  snapshot_node_stub 3.0-long-tag.txt cmplan-ec2-snapshot-load
  run node_has_snapshot ctx ns cassandra-0 cassandra cmplan-other
  expect_equal "${STATUS}" 1 "node_has_snapshot's status for a tag the node does not hold"
}

test_a_snapshot_already_taken_is_not_taken_again() {
  snapshot_node_stub 3.0-long-tag.txt cmplan-ec2-snapshot-load
  run snapshot_node ctx ns cassandra-0 cassandra cmplan-ec2-snapshot-load
  expect_equal "${STATUS}" 0 "snapshot_node's status"
  expect_contains "${OUT}" "already has snapshot cmplan-ec2-snapshot-load" "what snapshot_node says"
}

# statusbinary prints `running` or `not running` (StatusBinary.java): only the first is open,
# though both contain "running".
test_client_traffic_is_open_only_when_statusbinary_says_running() {
  local answer
  for answer in running "not running"; do
    printf 'case "$*" in *"nodetool statusbinary"*) echo %q ;; *) exit 1 ;; esac\n' "${answer}" | stub kubectl
    run client_traffic_open ctx ns cassandra-0 cassandra
    expect_equal "${STATUS}" "$([[ "${answer}" == running ]] && echo 0 || echo 1)" "client_traffic_open when statusbinary says ${answer}"
  done
}

# The rollback turns Thrift on again only where the freeze turned it off (3.x): `NODE(4) THRIFT`.
test_reopening_a_node_enables_thrift_only_when_asked() {
  printf 'printf "%%s\\n" "$*" >>"%s/calls"\n' "${WORK}" | stub kubectl
  run reopen_client_traffic ctx ns cassandra-0 cassandra no
  expect_equal "${STATUS}" 0 "reopen_client_traffic without Thrift"
  expect_contains "$(<"${WORK}/calls")" "nodetool enablebinary" "the calls"
  [[ "$(<"${WORK}/calls")" != *enablethrift* ]] || { echo "enablethrift sent on 4.x" >&2; exit 1; }
  run reopen_client_traffic ctx ns cassandra-0 cassandra yes
  expect_contains "$(<"${WORK}/calls")" "nodetool enablethrift" "the calls with Thrift"
}
