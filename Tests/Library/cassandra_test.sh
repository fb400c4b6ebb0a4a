# shellcheck shell=bash
# Helpers of 40-cassandra.sh that read nodetool's output, against recorded real output
# (Tests/Fixtures/real/nodetool, each file's origin in its SOURCE.md).

# A stub kubectl that answers `nodetool status` with a corpus file.
status_from() {
  printf 'case "$*" in *"nodetool status"*) cat "${CORPUS}/nodetool/status/%s" ;; *) exit 1 ;; esac\n' "$1" | stub kubectl
}

test_datacenter_state_counts_each_datacenter_in_every_format() {
  local file
  for file in 3.11-two-datacenters.txt 5.0-two-datacenters.txt; do
    status_from "${file}"
    run datacenter_state ctx ns pod-0 cassandra dc1
    expect_equal "${OUT}" "3 2" "dc1 in ${file} (total, up)"
    run datacenter_state ctx ns pod-0 cassandra dc2
    expect_equal "${OUT}" "2 0" "dc2 in ${file} (a joining and a leaving node are up, not UN)"
  done
  status_from 3.11-one-token-per-node.txt
  run datacenter_state ctx ns pod-0 cassandra datacenter1
  expect_equal "${OUT}" "3 2" "datacenter1 with one token per node"
}

test_a_node_whose_load_is_unknown_is_named_not_counted_as_empty() {
  local file
  for file in 3.11-two-datacenters.txt 5.0-two-datacenters.txt 3.11-one-token-per-node.txt; do
    status_from "${file}"
    local datacenter=dc1
    [[ "${file}" != *one-token* ]] || datacenter=datacenter1
    run expect_datacenter_load ctx ns pod-0 cassandra "${datacenter}" 1000
    expect_equal "${STATUS}" 1 "the exit status with a node whose Load is ? (${file})"
    expect_contains "${ERR}" "10.0.1.13 (load unknown: nodetool prints ?)" "the failure (${file})"
    expect_lacks "${ERR}" "10.0.1.11" "the failure: 267.07 KiB is more than 1000 bytes (${file})"
    expect_lacks "${ERR}" "10.0.1.12" "the failure: 1.5 TiB is more than 1000 bytes (${file})"
  done
}

test_loads_with_a_space_and_every_unit_are_read() {
  status_from 5.0-two-datacenters.txt
  run expect_datacenter_load ctx ns pod-0 cassandra dc2 1
  expect_equal "${STATUS}" 1 "the exit status: 0 bytes is less than 1 byte"
  expect_contains "${ERR}" "2001:db8:0:0:0:0:0:21 (0 bytes)" "the failure names the empty IPv6 node"
  expect_lacks "${ERR}" "2001:db8:0:0:0:0:0:22" "the failure: 825.07 GiB is enough"
  run expect_datacenter_load ctx ns pod-0 cassandra dc1 300000
  expect_contains "${ERR}" "10.0.1.11 (267.07 KiB)" "267.07 KiB is 273479 bytes, less than 300000"
}

# A stub kubectl that answers `nodetool COMMAND` with corpus file nodetool/COMMAND/FILE.
nodetool_from() {
  printf 'case "$*" in *"nodetool %s"*) cat "${CORPUS}/nodetool/%s/%s" ;; *) exit 1 ;; esac\n' "$1" "$1" "$2" | stub kubectl
}

test_the_cluster_name_and_one_schema_version_are_read_on_3x_and_4x() {
  nodetool_from describecluster 3.11-agreed.txt
  run expect_cluster_name ctx ns pod-0 cassandra "Test Cluster"
  expect_equal "${STATUS}" 0 "expect_cluster_name on 3.11 with one schema version"
  nodetool_from describecluster 4.0-agreed.txt
  run expect_cluster_name ctx ns pod-0 cassandra "Bob's Cluster"
  expect_equal "${STATUS}" 0 "expect_cluster_name on 4.0, whose output goes on past the versions"
  run expect_cluster_name ctx ns pod-0 cassandra "Test Cluster"
  expect_equal "${STATUS}" 1 "expect_cluster_name with another name"
  expect_contains "${ERR}" "the cluster is named 'Bob's Cluster', the plan says 'Test Cluster'" "the failure"
}

test_two_schema_versions_are_a_disagreement() {
  nodetool_from describecluster 3.11-disagreeing.txt
  run expect_cluster_name ctx ns pod-0 cassandra "Test Cluster"
  expect_equal "${STATUS}" 1 "expect_cluster_name with two schema versions"
  expect_contains "${ERR}" "the nodes disagree on the schema (2 schema versions)" "the failure"
}

test_an_unreachable_node_fails_the_schema_check_by_name_on_3x_and_4x() {
  local file
  for file in 3.11-unreachable.txt 4.0-unreachable.txt; do
    nodetool_from describecluster "${file}"
    run expect_cluster_name ctx ns pod-0 cassandra "Test Cluster"
    expect_equal "${STATUS}" 1 "expect_cluster_name with one schema version and an UNREACHABLE node (${file})"
    expect_contains "${ERR}" "nodes [10.0.1.13] seen from pod-0 do not answer" "the failure (${file})"
  done
}

test_netstats_tells_a_running_rebuild_from_an_idle_node() {
  local version
  for version in 3.11 4.0; do
    nodetool_from netstats "${version}-idle.txt"
    run streaming_idle ctx ns pod-0 cassandra
    expect_equal "${STATUS}" 0 "streaming_idle on an idle node (${version})"
    run rebuild_idle ctx ns pod-0/cassandra
    expect_equal "${STATUS}" 0 "rebuild_idle on an idle node (${version})"
    run node_mode ctx ns pod-0 cassandra
    expect_equal "${OUT}" NORMAL "node_mode (${version})"
    nodetool_from netstats "${version}-rebuilding.txt"
    run streaming_idle ctx ns pod-0 cassandra
    expect_equal "${STATUS}" 1 "streaming_idle while receiving (${version})"
    run rebuild_idle ctx ns pod-0/cassandra
    expect_equal "${STATUS}" 1 "rebuild_idle while a Rebuild stream runs (${version})"
    run progress ctx ns pod-0/cassandra
    expect_equal "${OUT}" "  pod-0: 1 streaming session(s) receiving" "progress (${version})"
  done
}

test_the_host_id_is_read_from_nodetool_info() {
  local file
  for file in 3.11-head.txt 4.0-head.txt; do
    nodetool_from info "${file}"
    record_fact() { printf 'recorded %s=%s\n' "$1" "$2"; }
    machine_query() { shift 3; kubectl "$@"; }
    run record_host_id ubuntu 10.0.1.11 - db1
    expect_contains "${OUT}" "recorded host-id-db1=2e1b8c3e-41f5-4b8e-9a7e-0d4cf1a2b301" "the host id read from ${file}"
  done
}

test_connected_clients_are_counted_as_clientstats_prints_them() {
  nodetool_from clientstats 4.0-two-users.txt
  run client_count ctx ns pod-0 cassandra
  expect_equal "${OUT}" 13 "the clients of two users"
  nodetool_from clientstats 4.0-none.txt
  run client_count ctx ns pod-0 cassandra
  expect_equal "${OUT}" 0 "no client"
}

test_native_transport_state_is_read_from_statusbinary() {
  nodetool_from statusbinary not-running.txt
  run client_traffic_stopped ctx ns pod-0 cassandra
  expect_equal "${STATUS}" 0 "client_traffic_stopped when not running"
  nodetool_from statusbinary running.txt
  run client_traffic_stopped ctx ns pod-0 cassandra
  expect_equal "${STATUS}" 1 "client_traffic_stopped when running"
}

test_expect_token_count_reads_the_tokens_column_in_every_format() {
  local file
  for file in 3.11-two-datacenters.txt:256 4.0-two-datacenters.txt:16 5.0-two-datacenters.txt:16; do
    status_from "${file%%:*}"
    run expect_token_count ctx ns pod-0 cassandra dc1 "${file##*:}"
    expect_equal "${STATUS}" 0 "dc1 of ${file%%:*} owns ${file##*:} tokens a node"
    run expect_token_count ctx ns pod-0 cassandra dc1 1
    expect_equal "${STATUS}" 1 "dc1 of ${file%%:*} does not own 1 token a node"
    expect_contains "${ERR}" "10.0.1.11 (${file##*:})" "the message names the node and its count"
  done
  status_from 3.11-one-token-per-node.txt
  run expect_token_count ctx ns pod-0 cassandra datacenter1 1
  expect_equal "${STATUS}" 0 "one token per node: the Token column"
  run expect_token_count ctx ns pod-0 cassandra datacenter1 256
  expect_equal "${STATUS}" 1 "one token per node is not 256"
}

# A stub kubectl that answers `nodetool get…throughput` with a corpus file.
throughput_from() {
  printf 'case "$*" in *"nodetool get"*"throughput"*) cat "${CORPUS}/nodetool/streamthroughput/%s" ;; *) exit 1 ;; esac\n' "$1" | stub kubectl
}

test_stream_limits_are_read_in_every_unit_and_form() {
  throughput_from 3.11-stream.txt
  run stream_limit ctx ns pod-0 cassandra Mb stream
  expect_equal "${OUT}" 200 "3.x megabits"
  throughput_from 4.0-interdc.txt
  run stream_limit ctx ns pod-0 cassandra Mb interdcstream
  expect_equal "${OUT}" 200 "4.0 inter-DC megabits"
  throughput_from 4.1-stream-mib.txt
  run stream_limit ctx ns pod-0 cassandra MiB stream
  expect_equal "${OUT}" 24 "4.1 whole MiB"
  throughput_from 5.0-interdc-mib.txt
  run stream_limit ctx ns pod-0 cassandra MiB interdcstream
  expect_equal "${OUT}" 24 "5.0 MiB as a Java double"
  throughput_from 5.0-unlimited.txt
  run stream_limit ctx ns pod-0 cassandra MiB stream
  expect_equal "${OUT}" 0 "unlimited is 0"
}

# A system keyspace still on SimpleStrategy becomes NetworkTopologyStrategy with an entry for
# every source datacenter given, each at most its node count: Cassandra 4.1 refuses a
# system_auth map without a datacenter that has live nodes (CASSANDRA-17478).
test_a_simple_strategy_keyspace_keeps_every_source_datacenter() {
  replication_of() { printf 'simple:3\n'; }
  alter_replication() { printf '%s\n' "$6"; }
  run extend_replication ctx ns pod-0 cassandra system_auth dc1 dc3 2 dc2:2 dc4:5
  expect_equal "${STATUS}" 0 "the exit status"
  expect_equal "${OUT}" "dc1:3,dc2:2,dc4:3,dc3:2" "the new map: dc2 capped at its 2 nodes, the new dc3 at the maximum"
  run extend_replication ctx ns pod-0 cassandra system_auth dc1 dc3 3
  expect_equal "${OUT}" "dc1:3,dc3:3" "with one source datacenter nothing else is added"
}

test_a_network_topology_keyspace_only_gains_the_new_datacenter() {
  replication_of() { printf 'dc1:3,dc2:1\n'; }
  alter_replication() { printf '%s\n' "$6"; }
  run extend_replication ctx ns pod-0 cassandra system_auth dc1 dc3 3 dc2:3
  expect_equal "${OUT}" "dc1:3,dc2:1,dc3:3" "the map as it is, plus dc3 at dc1's factor"
}

# A move of several datacenters: the first call's conversion already named the second new
# datacenter, so the second call adds nothing (a second entry would be a duplicate map key).
test_a_datacenter_already_in_the_map_is_not_added_again() {
  replication_of() { printf 'dc1:3,dc2:2,dc3:3,dc4:2\n'; }
  alter_replication() { printf 'altered %s\n' "$6"; }
  run extend_replication ctx ns pod-0 cassandra system_auth dc2 dc4 3 dc1:3 dc3:3
  expect_equal "${STATUS}" 0 "the exit status"
  expect_equal "${OUT}" "" "no ALTER when dc4 is already there"
}

# Datacenters that all left the ring leave system_auth in one ALTER: 4.0+ refuses a map that
# keeps a datacenter without nodes, so one at a time would fail at the first.
test_several_datacenters_are_dropped_in_one_alter() {
  replication_of() { printf 'a1:3,b1:2,x2:3\n'; }
  alter_replication() { printf 'altered %s\n' "$6"; }
  run drop_replication ctx ns pod-0 cassandra system_auth a1 b1
  expect_equal "${OUT}" "altered x2:3" "one ALTER without a1 and b1"
  run drop_replication ctx ns pod-0 cassandra system_auth a1 b1 x2
  expect_equal "${STATUS}" 1 "dropping every datacenter is refused"
}

# A node LEAVING runs a decommission an earlier run started: decommission_nodes waits for it,
# and never calls decommission or removenode on it.
test_a_node_still_leaving_is_waited_for() {
  printf '0' >"${WORK}/polls"
  stub kubectl <<'STUB'
case "$*" in
  *"get pod"*) echo pod/pod-0 ;;
  *"nodetool netstats"*)
    polls=$(<"${WORK}/polls")
    printf '%s' "$((polls + 1))" >"${WORK}/polls"
    mode=LEAVING
    if (( polls >= 2 )); then mode=DECOMMISSIONED; fi
    sed "s/^Mode: NORMAL/Mode: ${mode}/" "${CORPUS}/nodetool/netstats/4.0-idle.txt" ;;
  *) echo "unexpected: $*" >&2; exit 1 ;;
esac
STUB
  WAIT_SECONDS=60 run decommission_nodes ctx ns --force pod-0/cassandra
  expect_equal "${STATUS}" 0 "decommission_nodes on a node still leaving"
  expect_contains "${OUT}" "pod-0 is still leaving" "what it says"
  expect_equal "$(<"${WORK}/polls")" 3 "netstats polls until DECOMMISSIONED"
}

# The wait for a datacenter to come up grows with its node count (NODE_START_SECONDS each):
# pods start one at a time, so a fixed WAIT_SECONDS gave up on large datacenters.
test_waiting_for_a_datacenter_allows_each_node_time_to_start() {
  printf '0' >"${WORK}/checks"
  expect_datacenter_up() {
    local checks
    checks=$(<"${WORK}/checks")
    printf '%s' "$((checks + 1))" >"${WORK}/checks"
    (( checks >= 2 ))
  }
  WAIT_SECONDS=0 NODE_START_SECONDS=60 run wait_datacenter_up ctx ns pod-0 cassandra dc1 3
  expect_equal "${STATUS}" 0 "wait_datacenter_up past WAIT_SECONDS"
  expect_equal "$(<"${WORK}/checks")" 3 "checks until the datacenter is up"
}

# A node that stays LEAVING has most likely failed its decommission: the wait ends with what to
# look at and do, not a bare timeout.
test_a_node_stuck_leaving_is_reported_with_what_to_do() {
  stub kubectl <<'STUB'
case "$*" in
  *"get pod"*) echo pod/pod-0 ;;
  *"nodetool netstats"*) sed "s/^Mode: NORMAL/Mode: LEAVING/" "${CORPUS}/nodetool/netstats/4.0-idle.txt" ;;
  *) echo "unexpected: $*" >&2; exit 1 ;;
esac
STUB
  WAIT_SECONDS=0 run decommission_nodes ctx ns --force pod-0/cassandra
  expect_equal "${STATUS}" 1 "decommission_nodes on a node stuck leaving"
  expect_contains "${ERR}" "pod-0 is still not decommissioned: if nodetool netstats on it shows no Unbootstrap session" "the failure"
}
