# shellcheck shell=bash
# Machine helpers over a stub ssh.

# A stub ssh whose remote findmnt prints FSTYPE (util-linux `findmnt -n -o FSTYPE`: the type
# alone, one line).
stub_findmnt() {
  printf 'case "$*" in *findmnt*) printf "%%s\\n" %q ;; *) exit 1 ;; esac\n' "$1" | stub ssh
}

test_record_filesystem_keeps_what_findmnt_says() {
  stub_findmnt xfs
  printf 'exit 0\n' | stub kubectl # the progress record accepts every write
  run record_filesystem ubuntu 10.0.1.10 - cassandra-0
  expect_equal "${STATUS}" 0 "the status"
  run recall_fact fs-type-cassandra-0
  expect_equal "${OUT}" xfs "the recorded filesystem"
  run filesystems_recorded cassandra-0
  expect_equal "${STATUS}" 0 "filesystems_recorded"
}

test_record_filesystem_refuses_what_the_csi_driver_cannot_mount() {
  stub_findmnt btrfs
  printf 'exit 0\n' | stub kubectl
  run record_filesystem ubuntu 10.0.1.10 - cassandra-0
  expect_equal "${STATUS}" 1 "the status"
  expect_contains "${ERR}" "the EBS CSI driver mounts xfs, ext2, ext3 or ext4 only" "the message"
  run filesystems_recorded cassandra-0
  expect_equal "${STATUS}" 1 "filesystems_recorded after a refusal"
}
