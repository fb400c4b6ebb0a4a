# shellcheck shell=bash
# kubectl: a context and namespace, objects, workloads, claims and volumes, manifests.

# kubectl in a context and namespace ("-": cluster-scoped), through query or mutate.
kube_with() {
  local runner=$1 context=$2 namespace=$3
  shift 3
  local -a scope=(--context "${context}")
  if [[ "${namespace}" != "-" ]]; then
    scope+=(--namespace "${namespace}")
  fi
  "${runner}" kubectl "${scope[@]}" "$@"
}

kube_query() {
  kube_with query "$@"
}

kube_mutate() {
  kube_with mutate "$@"
}

exec_args() {
  local pod=$1 container=$2
  if [[ "${container}" == "-" ]]; then
    printf '%s\n' exec "${pod}" --
  else
    printf '%s\n' exec "${pod}" --container "${container}" --
  fi
}

require_context() {
  local contexts
  contexts=$(query kubectl config get-contexts -o name) || { fail "cannot list kubeconfig contexts"; return 1; }
  grep -Fxq -- "$1" <<<"${contexts}" || { fail "kubeconfig has no context $1 (see kubectl config get-contexts)"; return 1; }
  query kubectl --context "$1" get --raw /version >/dev/null || { fail "the API server of context $1 does not answer"; return 1; }
}

require_namespace() {
  kube_query "$1" - get namespace "$2" -o name >/dev/null || { fail "namespace $2 does not exist in context $1"; return 1; }
}

require_operator() {
  local kind=$2 namespace=${3%%/*} name=${3#*/}
  kube_query "$1" "${namespace}" get "${kind}" "${name}" -o name >/dev/null ||
    { fail "operator ${kind} $3 not found in context $1: set operator_deployment or operator_statefulset in the plan to where the operator runs"; return 1; }
}

operator_watches() {
  # The operator reconciles objects of namespace $4 only if its WATCH_NAMESPACE allows it: set
  # from metadata.namespace (the documented installs of cass-operator and CassKop) it is the
  # operator's own namespace; a literal is one namespace or a comma list; empty or unset is
  # every namespace (cass-operator cmd/main.go).
  local kind=$2 namespace=${3%%/*} name=${3#*/} value field watched
  value=$(kube_query "$1" "${namespace}" get "${kind}" "${name}" \
    -o 'jsonpath={.spec.template.spec.containers[*].env[?(@.name=="WATCH_NAMESPACE")].value}') || return 1
  field=$(kube_query "$1" "${namespace}" get "${kind}" "${name}" \
    -o 'jsonpath={.spec.template.spec.containers[*].env[?(@.name=="WATCH_NAMESPACE")].valueFrom.fieldRef.fieldPath}') || return 1
  if [[ "${field}" == metadata.namespace ]]; then
    watched=${namespace}
  elif [[ -n "${value}" ]]; then
    watched=${value}
  else
    return 0
  fi
  [[ ",${watched// /}," == *",$4,"* ]] ||
    { fail "operator ${kind} $3 watches namespace(s) ${watched} only (WATCH_NAMESPACE): nothing in namespace $4 would be reconciled; install the operator in $4 or add $4 to its WATCH_NAMESPACE, and name it with operator_deployment"; return 1; }
}

object_exists() {
  kube_query "$1" "$2" get "$3" "$4" -o name >/dev/null 2>&1
}

object_absent() {
  local found
  found=$(kube_query "$1" "$2" get "$3" "$4" --ignore-not-found -o name) || return 1
  [[ -z "${found}" ]]
}

expect_not_foreign() {
  local found owner
  found=$(kube_query "$1" "$2" get "$3" "$4" --ignore-not-found -o name) || { fail "cannot read $3 $4 in context $1"; return 1; }
  [[ -n "${found}" ]] || return 0
  owner=$(kube_query "$1" "$2" get "$3" "$4" -o jsonpath='{.metadata.labels.app\.kubernetes\.io/part-of}') || return 1
  [[ "${owner}" == "${PLAN_NAME}" ]] ||
    { fail "$3 $4 already exists in context $1 and was not created by plan ${PLAN_NAME}: rename or remove it first"; return 1; }
}

claims_bound() {
  local context=$1 namespace=$2 claim phase
  shift 2
  for claim in "$@"; do
    phase=$(kube_query "${context}" "${namespace}" get pvc "${claim}" -o jsonpath='{.status.phase}' 2>/dev/null) || return 1
    [[ "${phase}" == Bound ]] || return 1
  done
}

volume_of_claim() {
  kube_query "$1" "$2" get pvc "$3" -o jsonpath='{.spec.volumeName}'
}

volumes_retained() {
  local context=$1 namespace=$2 claim volume policy
  shift 2
  for claim in "$@"; do
    volume=$(volume_of_claim "${context}" "${namespace}" "${claim}") || return 1
    [[ -n "${volume}" ]] || return 1
    policy=$(kube_query "${context}" - get pv "${volume}" -o jsonpath='{.spec.persistentVolumeReclaimPolicy}') || return 1
    [[ "${policy}" == Retain ]] || return 1
  done
}

replicas_are() {
  local replicas
  replicas=$(kube_query "$1" "$2" get "$3" "$4" -o jsonpath='{.spec.replicas}') || return 1
  [[ "${replicas}" == "$5" ]]
}

# additional_seeds_empty CTX NS NAME: a CassandraDatacenter names no additionalSeeds.
additional_seeds_empty() {
  local seeds
  seeds=$(kube_query "$1" "$2" get cassandradatacenter "$3" -o jsonpath='{.spec.additionalSeeds}') || return 1
  [[ -z "${seeds}" || "${seeds}" == "[]" ]]
}

# forget_additional_seeds CTX NS NAME: removes a CassandraDatacenter's additionalSeeds (a JSON
# merge patch: a custom resource takes no strategic merge patch). Once the source's pods are
# gone their names stop resolving, and cass-operator 1.7.0 and later resolves every additional
# seed itself on each reconcile, failing it on one that does not (reconcile_services.go).
forget_additional_seeds() {
  kube_mutate "$1" "$2" patch cassandradatacenter "$3" --type merge -p '{"spec":{"additionalSeeds":null}}'
}

operator_held() {
  replicas_are "$1" "${3%%/*}" "$2" "${3#*/}" 0
}

require_csi_driver() {
  kube_query "$1" - get csidriver "$2" -o name >/dev/null ||
    { fail "context $1 has no CSI driver $2: install the EBS CSI driver first"; return 1; }
}

apply_manifest() {
  kube_mutate "$1" - apply -f "${RUNBOOK_DIR}/$2"
}

checked_value() {
  local what=$1 value=$2
  [[ "${value}" =~ ^[A-Za-z0-9._:/-]+$ ]] || { fail "unexpected ${what} '${value}' read from the target's volume"; return 1; }
  printf '%s\n' "${value}"
}

# The topology key and the zone of a PersistentVolume's node affinity (its first term's first
# expression, where CSI provisioners write the zone): `CONTEXT VOLUME`.
volume_zone_key() {
  kube_query "$1" - get pv "$2" -o jsonpath='{.spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].key}'
}

volume_zone() {
  kube_query "$1" - get pv "$2" -o jsonpath='{.spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].values[0]}'
}

apply_volume_template() {
  local context=$1 template=$2 target_context=$3 target_namespace=$4 claim=$5
  local volume driver handle fs_type capacity zone_key zone text
  volume=$(volume_of_claim "${target_context}" "${target_namespace}" "${claim}") || { fail "claim ${claim} has no volume"; return 1; }
  driver=$(kube_query "${target_context}" - get pv "${volume}" -o jsonpath='{.spec.csi.driver}') || return 1
  [[ -n "${driver}" ]] || { fail "volume ${volume} of claim ${claim} is not a CSI volume: handover needs CSI volumes"; return 1; }
  handle=$(kube_query "${target_context}" - get pv "${volume}" -o jsonpath='{.spec.csi.volumeHandle}') || return 1
  fs_type=$(kube_query "${target_context}" - get pv "${volume}" -o jsonpath='{.spec.csi.fsType}') || return 1
  capacity=$(kube_query "${target_context}" - get pv "${volume}" -o jsonpath='{.spec.capacity.storage}') || return 1
  zone_key=$(volume_zone_key "${target_context}" "${volume}") || return 1
  zone=$(volume_zone "${target_context}" "${volume}") || return 1
  driver=$(checked_value driver "${driver}") || return 1
  handle=$(checked_value "volume handle" "${handle}") || return 1
  fs_type=$(checked_value "filesystem type" "${fs_type:-ext4}") || return 1
  capacity=$(checked_value capacity "${capacity}") || return 1
  zone_key=$(checked_value "zone label" "${zone_key}") || { fail "volume ${volume} has no zone affinity to copy"; return 1; }
  zone=$(checked_value zone "${zone}") || return 1
  text=$(<"${RUNBOOK_DIR}/${template}")
  text=${text//__CMPLAN_CSI_DRIVER__/${driver}}
  text=${text//__CMPLAN_VOLUME_HANDLE__/${handle}}
  text=${text//__CMPLAN_FS_TYPE__/${fs_type}}
  text=${text//__CMPLAN_CAPACITY__/${capacity}}
  text=${text//__CMPLAN_ZONE_KEY__/${zone_key}}
  text=${text//__CMPLAN_ZONE__/${zone}}
  printf '%s\n' "${text}" | kube_mutate "${context}" - apply -f -
}

hold_operator() {
  local kind=$2 namespace=${3%%/*} name=${3#*/} replicas
  replicas=$(kube_query "$1" "${namespace}" get "${kind}" "${name}" -o jsonpath='{.spec.replicas}') || return 1
  if [[ "${replicas}" != 0 ]] && ! fact_recorded "held-$1-$3"; then
    record_fact "held-$1-$3" "${replicas}" || return 1
  fi
  kube_mutate "$1" "${namespace}" scale "${kind}" "${name}" --replicas=0
}

release_operator() {
  local kind=$2 namespace=${3%%/*} name=${3#*/} replicas=1 saved
  if saved=$(recall_fact "held-$1-$3"); then
    replicas=${saved}
  fi
  kube_mutate "$1" "${namespace}" scale "${kind}" "${name}" --replicas="${replicas}"
}

scale() {
  kube_mutate "$1" "$2" scale "$3" "$4" --replicas="$5"
}

# Scales a workload that may not exist yet (a rollback run before it was made): `CONTEXT NS KIND
# NAME COUNT`. Absent is fine; a cluster that cannot be read is a failure, never "absent".
scale_if_present() {
  local found
  found=$(kube_query "$1" "$2" get "$3" "$4" --ignore-not-found -o name) ||
    { fail "cannot read $3 $4 in context $1 (see ${LOG_FILE}): it is not taken as absent; once the cluster answers, run the step again"; return 1; }
  if [[ -z "${found}" ]]; then
    say "  $3 $4 does not exist in $1: nothing to scale"
    return 0
  fi
  scale "$@"
}

wait_claims_bound() {
  wait_until "claims $* to be Bound" claims_bound "$@"
}

wait_rollout() {
  kube_mutate "$1" "$2" rollout status "$3/$4" --timeout="${WAIT_SECONDS}s"
}

pods_gone() {
  local context=$1 namespace=$2 pod found
  shift 2
  for pod in "$@"; do
    found=$(kube_query "${context}" "${namespace}" get pod "${pod}" --ignore-not-found -o name) || return 1
    [[ -z "${found}" ]] || return 1
  done
}

wait_pods_gone() {
  wait_until "pods $* to stop" pods_gone "$@"
}

retain_volumes() {
  local context=$1 namespace=$2 claim volume
  shift 2
  for claim in "$@"; do
    volume=$(volume_of_claim "${context}" "${namespace}" "${claim}") || return 1
    [[ -n "${volume}" ]] || { fail "claim ${claim} is not bound"; return 1; }
    kube_mutate "${context}" - patch pv "${volume}" -p '{"spec":{"persistentVolumeReclaimPolicy":"Retain"}}'
  done
}

delete_object() {
  kube_mutate "$1" "$2" delete "$3" "$4" --ignore-not-found --wait=true
}

# A one-off pod in the target cluster opens a TCP connection to each name: DNS and routing
# both work, or the new datacenter would start alone as a second cluster of the same name.
expect_reachable_from() {
  local context=$1 namespace=$2 pod=$3 image=$4 port=$5 name
  shift 5
  for name in "$@"; do
    # $0 and $1 are expanded by the probe pod's shell, from the words after the script.
    # shellcheck disable=SC2016
    kube_mutate "${context}" "${namespace}" run "${pod}" --image="${image}" --restart=Never --rm -i --quiet \
      --command -- timeout 10 bash -c ': </dev/tcp/"$0"/"$1"' "${name}" "${port}" ||
      { fail "${name}:${port} cannot be reached from a pod in ${context}: the pod networks must be routed both ways and the name must resolve there (set seeds in the target cluster block)"; return 1; }
  done
}
