# The storage probe (datacenter-handover): before anything of the migration exists, a small volume
# of the target's StorageClass is made in the target cluster, then shown to and mounted by a pod in
# the source cluster, as the real disks will be. Each helper names the cause it finds: a volume that
# is no CSI volume (node-local storage), no such CSI driver in the source cluster, or no source node
# in the volume's zone. Its objects stay until remove-storage-probe runs, after the probe passed
# or alone (--only).

pod_running() {
  local phase
  phase=$(kube_query "$1" "$2" get pod "$3" -o jsonpath='{.status.phase}') || return 1
  [[ "${phase}" == Running ]]
}

# On a timeout it says why the pod is not running, as the scheduler recorded it (the PodScheduled
# condition: "0/3 nodes are available: 3 node(s) had volume node affinity conflict."); a mount that
# fails (kubelet's FailedMount) shows only in the pod's events.
wait_pod_running() {
  local context=$1 namespace=$2 pod=$3 why
  if wait_until "pod ${pod} in ${context} to run" pod_running "${context}" "${namespace}" "${pod}"; then
    return 0
  fi
  why=$(kube_query "${context}" "${namespace}" get pod "${pod}" \
    -o jsonpath='{.status.conditions[?(@.type=="PodScheduled")].message}' 2>/dev/null) || why=""
  fail "pod ${pod} in context ${context} never ran${why:+ (${why})}; 'kubectl --context ${context} -n ${namespace} describe pod ${pod}' shows its events (FailedScheduling, FailedMount)"
  return 1
}

# The target's probe volume can be lent to the source cluster: it is a CSI volume, the source
# cluster runs that CSI driver, and a source node carries the zone label of the volume's affinity.
expect_volume_mountable() {
  volume_mountable "$@" || { probe_left_behind "$4"; return 1; }
}

volume_mountable() {
  local context=$1 target_context=$2 target_namespace=$3 claim=$4 volume driver zone_key zone nodes
  volume=$(volume_of_claim "${target_context}" "${target_namespace}" "${claim}") || { fail "claim ${claim} has no volume"; return 1; }
  [[ -n "${volume}" ]] || { fail "claim ${claim} in context ${target_context} is not bound"; return 1; }
  driver=$(kube_query "${target_context}" - get pv "${volume}" -o jsonpath='{.spec.csi.driver}') || return 1
  [[ -n "${driver}" ]] ||
    { fail "the target's StorageClass made ${volume}, which is no CSI volume (node-local storage?): a disk can be lent to the source cluster only through a CSI driver both clusters run; give the target datacenter a network storage_class"; return 1; }
  kube_query "${context}" - get csidriver "${driver}" -o name >/dev/null 2>&1 ||
    { fail "context ${context} has no CSI driver ${driver}: the target's disks cannot be mounted in the source cluster; install ${driver} there, with access to the same storage, and run again"; return 1; }
  zone_key=$(volume_zone_key "${target_context}" "${volume}") || return 1
  zone=$(volume_zone "${target_context}" "${volume}") || return 1
  [[ -n "${zone_key}" ]] || return 0
  nodes=$(kube_query "${context}" - get nodes -l "${zone_key}=${zone}" -o name) || return 1
  [[ -n "${nodes}" ]] ||
    { fail "no node of context ${context} carries ${zone_key}=${zone}: the target's disks live in ${zone} and only nodes there, running ${driver}'s node plugin, can mount them; add source nodes in ${zone} or keep the target in the source's zones"; return 1; }
}

storage_probe_passed() {
  fact_recorded storage-probe
}

# The proof: the source cluster's probe pod runs with the borrowed disk mounted.
wait_storage_probe() {
  wait_pod_running "$1" "$2" "$3" || { probe_left_behind "$3"; return 1; }
  record_fact storage-probe mounted
}

# Said when the probe fails: where its objects are, and how they go.
probe_left_behind() {
  fail "the probe's claim, volume and pods (named $1) stay until the remove-storage-probe step runs: once the cause is fixed, resume and it runs after the probe; to give up instead, run it alone with --only (./runbook.sh --list shows its number)"
}
