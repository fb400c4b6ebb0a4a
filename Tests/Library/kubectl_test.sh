# shellcheck shell=bash
# kubectl helpers against answers the real kubectl gave (Tests/Fixtures/real/kubectl/answers.txt).

# A stub kubectl answering a jsonpath read on OBJECT as answers.txt records it.
stub_answers_for() {
  cat <<STUB | stub kubectl
for argument in "\$@"; do
  case "\${argument}" in jsonpath=*) expression=\${argument#jsonpath=} ;; esac
done
awk -F '\t' -v object="$1" -v expression="\${expression}" '\$1 == object && \$2 == expression { printf "%s", \$3 }' "\${CORPUS}/kubectl/answers.txt"
STUB
}

test_operator_watches_its_own_namespace_from_the_field_reference() {
  stub_answers_for deployment-watching.yaml
  run operator_watches eks deployment cass-operator/cass-operator-controller-manager cass-operator
  expect_equal "${STATUS}" 0 "the status for the operator's own namespace"
  run operator_watches eks deployment cass-operator/cass-operator-controller-manager cassandra
  expect_equal "${STATUS}" 1 "the status for another namespace"
  expect_contains "${ERR}" "watches namespace(s) cass-operator only" "the message"
}

test_operator_watches_a_listed_namespace() {
  stub_answers_for deployment-watching-list.yaml
  run operator_watches eks deployment ops/cass-operator-controller-manager cassandra
  expect_equal "${STATUS}" 0 "the status for a listed namespace"
  run operator_watches eks deployment ops/cass-operator-controller-manager ops
  expect_equal "${STATUS}" 1 "the status for the operator's namespace, not listed"
}

test_operator_without_watch_namespace_watches_every_namespace() {
  stub_answers_for deployment.yaml
  run operator_watches eks deployment db/casskop-cassandra-operator anywhere
  expect_equal "${STATUS}" 0 "the status without WATCH_NAMESPACE"
}

test_a_pod_that_never_runs_is_reported_with_the_schedulers_reason() {
  stub_answers_for pod-unschedulable.yaml
  WAIT_SECONDS=0 POLL_SECONDS=0 run wait_pod_running eks db cmplan-k8s-to-k8s-storage-probe
  expect_equal "${STATUS}" 1 "the status for a pod that stays Pending"
  expect_contains "${ERR}" "never ran (0/3 nodes are available: 3 node(s) had volume node affinity conflict.)" "the scheduler's reason"
  expect_contains "${ERR}" "describe pod cmplan-k8s-to-k8s-storage-probe" "where to look for mount events"
}

# A rollback may come before the workload exists: absent is fine, but a cluster that cannot be
# read is never taken for "absent" (the machines would start beside pods still running).
test_scale_if_present_skips_an_absent_workload_and_stops_on_an_unreadable_cluster() {
  printf 'case "$*" in *" get statefulset "*) exit 0 ;; *) echo "unexpected: $*" >&2; exit 9 ;; esac\n' | stub kubectl
  run scale_if_present ctx ns statefulset cassandra 0
  expect_equal "${STATUS}" 0 "scale_if_present on an absent StatefulSet"
  expect_contains "${OUT}" "does not exist in ctx: nothing to scale" "what it says"
  printf 'echo "The connection to the server was refused" >&2; exit 1\n' | stub kubectl
  run scale_if_present ctx ns statefulset cassandra 0
  expect_equal "${STATUS}" 1 "scale_if_present when the cluster does not answer"
  expect_contains "${ERR}" "cannot read statefulset cassandra in context ctx" "the failure"
}
