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
