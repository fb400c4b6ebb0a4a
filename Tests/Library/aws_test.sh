# shellcheck shell=bash
# Helpers of 50-aws.sh that read the aws CLI's --output text answers, against what the real
# CLI's text formatter prints (Tests/Fixtures/real/aws): tabs between the values of a
# multiselect, and None where the query found nothing.

# A stub aws that answers every call with corpus file aws/FILE.
aws_answers() {
  printf 'cat "${CORPUS}/aws/%s"\n' "$1" | stub aws
}

test_an_attached_volume_is_read_from_the_text_answer() {
  aws_answers describe-volumes/attached.txt
  run expect_volume eu-west-1 vol-0123456789abcdef0 eu-west-1a 1000
  expect_equal "${STATUS}" 0 "expect_volume on an attached volume of 1024 GiB"
  run expect_volume eu-west-1 vol-0123456789abcdef0 eu-west-1b 1000
  expect_equal "${STATUS}" 1 "expect_volume in another zone"
  expect_contains "${ERR}" "volume vol-0123456789abcdef0 is in eu-west-1a, the plan says eu-west-1b" "the failure"
}

test_a_detached_volume_shows_none_for_its_attachment() {
  aws_answers describe-volumes/detached.txt
  run expect_volume eu-west-1 vol-0123456789abcdef0 eu-west-1a 1000
  expect_equal "${STATUS}" 1 "expect_volume on a detached volume"
  expect_contains "${ERR}" "is available/None, not attached to its machine" "the failure"
}

test_no_tagged_snapshot_is_none_not_an_id() {
  local file
  for file in describe-snapshots/none-tagged.txt describe-snapshots/pending.txt; do
    aws_answers "${file}"
    run snapshots_taken eu-west-1 final db1
    expect_equal "${STATUS}" 1 "snapshots_taken with ${file}"
  done
}

# EC2's reason reaches the person even though create_volume captures mutate's output (id=$(...)):
# before, it went into the discarded id and only the log had it. The message is what the real
# aws CLI printed against moto for `--iops` without `--volume-type` (RealAWSRehearsalTests).
test_a_refused_create_volume_shows_ec2s_reason() {
  stub aws <<'STUB'
case "$2" in
  describe-volumes) echo None ;;
  describe-snapshots) echo snap-0123456789abcdef0 ;;
  create-volume)
    printf '\nAn error occurred (InvalidParameterDependency) when calling the CreateVolume operation: The parameter [VolumeType] requires the parameter Iops to be set.\n' >&2
    exit 255 ;;
esac
STUB
  run create_volume eu-west-1 db1 eu-west-1a - 6000
  expect_equal "${STATUS}" 1 "create_volume refused by EC2"
  expect_contains "${ERR}" "(InvalidParameterDependency) when calling the CreateVolume operation" "the failure's reason on standard error"
  expect_contains "${ERR}" "this command failed (exit 255): aws ec2 create-volume" "the failed command"
}
