/// The fixed part of every runbook: options, state (journal, lock, log), the step runner and
/// the helpers steps call (one bash function per `Helper`). Generated steps only call these.
enum BashLibrary {
    /// The library text, placed after the plan's constants and before the steps.
    static let text = #"""
# ---------------------------------------------------------------------------
# Library (the same in every runbook; the steps below only call it)
# ---------------------------------------------------------------------------

DRY_RUN=false
ASSUME_YES=false
STATE_DIR=""
LOG_FILE=/dev/null
CURRENT_STEP=""
ONLY_STEP=""
GUARDS_REACHABLE=true
PROGRESS_INDEX=-1
POLL_SECONDS="${CMPLAN_POLL_SECONDS:-10}"
WAIT_SECONDS="${CMPLAN_WAIT_SECONDS:-1800}"
SNAPSHOT_WAIT_SECONDS="${CMPLAN_SNAPSHOT_WAIT_SECONDS:-43200}"
CQL_USERNAME="${CQLSH_USERNAME:-}"
CQL_PASSWORD="${CQLSH_PASSWORD:-}"

# Both set a variable instead of printing, so asking the time forks no subshell.
timestamp() {
  TZ=UTC printf -v "$1" '%(%Y-%m-%dT%H:%M:%SZ)T' -1
}

epoch_seconds() {
  printf -v "$1" '%(%s)T' -1
}

log() {
  local now
  timestamp now
  printf '%s %s\n' "${now}" "$*" >>"${LOG_FILE}"
}

say() {
  printf '%s\n' "$*"
  log "$*"
}

fail() {
  printf '  %s\n' "$*" >&2
  log "failed: $*"
}

die() {
  printf 'error: %s\n' "$*" >&2
  log "error: $*"
  exit 1
}

on_error() {
  local status=$1 command=$2 line=$3
  trap - ERR
  printf '\nerror: step %s failed (exit %s) at line %s: %s\n' "${CURRENT_STEP:-startup}" "${status}" "${line}" "${command}" >&2
  if [[ -n "${CURRENT_STEP}" ]]; then
    local resume
    resume_command resume "${CURRENT_STEP}"
    printf 'No later step has run. Find the cause above and in %s, fix it, then resume with:\n  %s\n' \
      "${LOG_FILE}" "${resume}" >&2
  fi
  log "error: step ${CURRENT_STEP:-startup} failed (exit ${status}) at line ${line}: ${command}"
  exit "${status}"
}

trap 'on_error "$?" "${BASH_COMMAND}" "${LINENO}"' ERR

# Runs a command that changes something, logging it and its output (printed only in --dry-run).
mutate() {
  local shown
  printf -v shown '%q ' "$@"
  if [[ "${DRY_RUN}" == true ]]; then
    printf '  would run: %s\n' "${shown}"
    return 0
  fi
  log "run: ${shown}"
  local status=0 output
  output=$("$@" 2>&1) || status=$?
  if [[ -n "${output}" ]]; then
    printf '%s\n' "${output}"
    printf '%s\n' "${output}" >>"${LOG_FILE}"
  fi
  if (( status != 0 )); then
    fail "this command failed (exit ${status}): ${shown}"
    return "${status}"
  fi
}

# Runs a command that only reads, logging it; its output goes to the caller.
query() {
  local shown
  printf -v shown '%q ' "$@"
  log "query: ${shown}"
  "$@" 2>>"${LOG_FILE}"
}

# Prints a helper call as --dry-run shows it: every argument intact, between brackets.
show() {
  local shown="" argument
  for argument in "${@:2}"; do
    shown+=" [${argument}]"
  done
  printf '  would run: %s%s\n' "$1" "${shown}"
}

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

# Machines are reached by ssh: a target "@ssh USER ADDRESS OPTIONS" stands where
# "CONTEXT NAMESPACE POD CONTAINER" does, so every Cassandra helper works on both.
on_machine() {
  local user=$1 address=$2 options=$3 remote
  shift 3
  local -a option_words=()
  if [[ "${options}" != "-" ]]; then
    read -r -a option_words <<<"${options}"
  fi
  posix_quote remote "$@"
  # -n: ssh reads nothing from standard input, so a `while read` loop's list stays the loop's.
  ssh -n -o BatchMode=yes "${option_words[@]}" "${user}@${address}" -- "${remote}"
}

# Words quoted for any POSIX shell ('...' with ' as '\''): the remote login shell may be dash,
# which does not read bash's $'...' form that printf %q writes for tabs and newlines.
posix_quote() {
  local word quoted=""
  for word in "${@:2}"; do
    quoted+="'${word//\'/\'\\\'\'}' "
  done
  printf -v "$1" '%s' "${quoted% }"
}

# systemctl is-active cassandra on a machine (active, inactive, failed...). ssh exits 255
# when it fails itself (ssh(1)): a host key, route or login problem, never read as "stopped".
service_state() {
  local state status=0
  state=$(machine_query "$1" "$2" "$3" systemctl is-active cassandra) || status=$?
  if (( status == 255 )); then
    fail "cannot reach $2 over ssh (exit 255: host key, route or login; see ${LOG_FILE})"
    return 255
  fi
  printf '%s\n' "${state:-unknown}"
}

machine_query() {
  log "query (ssh $2): $*"
  on_machine "$@" 2>>"${LOG_FILE}"
}

machine_mutate() {
  local shown
  printf -v shown '%q ' "${@:4}"
  if [[ "${DRY_RUN}" == true ]]; then
    printf '  would run on %s: %s\n' "$2" "${shown}"
    return 0
  fi
  log "run (ssh $2): ${shown}"
  local status=0 output
  output=$(on_machine "$@" 2>&1) || status=$?
  if [[ -n "${output}" ]]; then
    printf '%s\n' "${output}"
    printf '%s\n' "${output}" >>"${LOG_FILE}"
  fi
  if (( status != 0 )); then
    fail "this command failed on $2 (exit ${status}): ${shown}"
    return "${status}"
  fi
}

# A command next to a Cassandra node: in a pod (CONTEXT NS POD CONTAINER) or on a machine
# (@ssh USER ADDRESS OPTIONS), through query or mutate.
cass_with() {
  local runner=$1
  shift
  if [[ "$1" == "@ssh" ]]; then
    "machine_${runner}" "$2" "$3" "$4" "${@:5}"
    return
  fi
  local context=$1 namespace=$2 pod=$3 container=$4 target
  shift 4
  target=$(exec_args "${pod}" "${container}")
  local -a exec_target
  mapfile -t exec_target <<<"${target}"
  kube_with "${runner}" "${context}" "${namespace}" "${exec_target[@]}" "$@"
}

cass_query() {
  cass_with query "$@"
}

cass_mutate() {
  cass_with mutate "$@"
}

# cqlsh inside a pod; credentials from CQLSH_USERNAME and CQLSH_PASSWORD, never logged.
cql() {
  local mode=$1 context=$2 namespace=$3 pod=$4 container=$5 statement=$6 target
  local -a auth=() exec_target
  if [[ -n "${CQL_USERNAME}" ]]; then
    auth=(-u "${CQL_USERNAME}" -p "${CQL_PASSWORD}")
  fi
  target=$(exec_args "${pod}" "${container}")
  mapfile -t exec_target <<<"${target}"
  if [[ "${mode}" == change && "${DRY_RUN}" == true ]]; then
    printf '  would run cqlsh on %s: %s\n' "${pod}" "${statement}"
    return 0
  fi
  log "cqlsh (${mode}) on ${pod}: ${statement}"
  local result status=0
  if [[ "${context}" == "@ssh" ]]; then
    result=$(on_machine "${namespace}" "${pod}" "${container}" cqlsh "${auth[@]}" -e "${statement}" 2>&1) || status=$?
  else
    result=$(kubectl --context "${context}" --namespace "${namespace}" "${exec_target[@]}" cqlsh "${auth[@]}" -e "${statement}" 2>&1) ||
      status=$?
  fi
  if (( status != 0 )); then
    fail "cqlsh on ${pod} failed (exit ${status}): ${result}"
    return "${status}"
  fi
  printf '%s\n' "${result}"
}

# Polls a read-only helper until it succeeds or WAIT_SECONDS pass.
wait_until() {
  local what=$1 started now
  shift
  epoch_seconds started
  while true; do
    if "$@" 2>>"${LOG_FILE}"; then
      return 0
    fi
    epoch_seconds now
    if (( now - started >= WAIT_SECONDS )); then
      fail "gave up after ${WAIT_SECONDS}s waiting for ${what}"
      return 1
    fi
    printf '  waiting for %s ...\n' "${what}"
    sleep "${POLL_SECONDS}"
  done
}

# --- helpers: preflight and read-only checks --------------------------------

require_tool() {
  command -v "$1" >/dev/null 2>&1 || { fail "$1 is not installed: install it and run again"; return 1; }
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

require_deployment() {
  local namespace=${2%%/*} name=${2#*/}
  kube_query "$1" "${namespace}" get deployment "${name}" -o name >/dev/null ||
    { fail "operator Deployment $2 not found in context $1: set operator_deployment in the plan"; return 1; }
}

expect_cluster_name() {
  local output name versions
  output=$(cass_query "$1" "$2" "$3" "$4" nodetool describecluster) || { fail "nodetool describecluster failed on $3"; return 1; }
  name=$(awk -F': ' '/^[[:space:]]*Name:/ { print $2; exit }' <<<"${output}")
  [[ "${name}" == "$5" ]] || { fail "the cluster is named '${name}', the plan says '$5'"; return 1; }
  versions=$(grep -Ec '^[[:space:]]+[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}: \[' <<<"${output}" || true)
  [[ "${versions}" == 1 ]] || { fail "the nodes disagree on the schema (${versions} schema versions): wait, or run nodetool describecluster"; return 1; }
}

datacenter_state() {
  local output
  output=$(cass_query "$1" "$2" "$3" "$4" nodetool status) || { fail "nodetool status failed on $3"; return 1; }
  awk -v dc="$5" '
    /^Datacenter: / { current = substr($0, 13) }
    current == dc && /^[UD][NLJM] / { total++; if ($1 == "UN") up++ }
    END { printf "%d %d\n", total, up }' <<<"${output}"
}

expect_datacenter_up() {
  local state total up
  state=$(datacenter_state "$1" "$2" "$3" "$4" "$5") || return 1
  read -r total up <<<"${state}"
  [[ "${total}" == "$6" && "${up}" == "$6" ]] ||
    { fail "datacenter $5 shows ${up} of ${total} nodes UN; the plan expects $6, all UN"; return 1; }
}

expect_datacenter_load() {
  local output short
  output=$(cass_query "$1" "$2" "$3" "$4" nodetool status) || { fail "nodetool status failed on $3"; return 1; }
  # Load is "<number> <unit>" (KiB, MiB, GiB, TiB or bytes); printf keeps awk from printing 1e+12.
  short=$(awk -v dc="$5" -v minimum="$6" '
    /^Datacenter: / { current = substr($0, 13) }
    current == dc && /^[UD][NLJM] / {
      factor = 1
      if ($4 == "KiB") factor = 1024; else if ($4 == "MiB") factor = 1048576
      else if ($4 == "GiB") factor = 1073741824; else if ($4 == "TiB") factor = 1099511627776
      if ($3 * factor < minimum) printf "%s (%s %s) ", $2, $3, $4
    }' <<<"${output}")
  [[ -z "${short}" ]] ||
    { fail "nodes of $5 hold less data than the plan expects (at least $6 bytes each): ${short}- did the rebuild name its source datacenter?"; return 1; }
}

datacenter_absent() {
  local state total up
  state=$(datacenter_state "$1" "$2" "$3" "$4" "$5") || return 1
  read -r total up <<<"${state}"
  [[ "${total}" == 0 ]] || { fail "nodetool status still lists ${total} node(s) of datacenter $5 (${up} UN)"; return 1; }
}

# Keyspaces as `name=dc:rf,dc:rf` (NetworkTopologyStrategy), or `name=class:<class>`.
normalize_keyspaces() {
  awk -v skip_system="$1" '
    BEGIN { FS = " [|] " }
    NF == 2 {
      name = $1; gsub(/^ +| +$/, "", name)
      if (name == "keyspace_name" || (skip_system == "yes" && name ~ /^system/)) next
      map = $2; gsub(/[{}'"'"' ]/, "", map)
      n = split(map, parts, ",")
      spec = ""; class = ""; factor = ""
      for (i = 1; i <= n; i++) {
        split(parts[i], pair, ":")
        if (pair[1] == "class") { class = pair[2]; continue }
        if (pair[1] == "replication_factor") { factor = pair[2]; continue }
        spec = spec (spec == "" ? "" : ",") pair[1] ":" pair[2]
      }
      if (class ~ /SimpleStrategy$/) spec = "simple:" factor
      else if (class !~ /NetworkTopologyStrategy$/) spec = "class:" class
      print name "=" spec
    }'
}

expect_keyspaces() {
  local output live expected
  output=$(cql read "$1" "$2" "$3" "$4" "SELECT keyspace_name, replication FROM system_schema.keyspaces;") ||
    { fail "cqlsh failed on $3"; return 1; }
  live=$(normalize_keyspaces yes <<<"${output}" | sort)
  expected=$(tr ';' '\n' <<<"$5" | sort)
  if [[ "${live}" != "${expected}" ]]; then
    fail "the live keyspaces differ from the plan (name=dc:rf,...):"
    fail "  live:     ${live//$'\n'/ }"
    fail "  declared: ${expected//$'\n'/ }"
    fail "declare every keyspace with its replication as DESCRIBE KEYSPACE shows it, rebuild and review again"
    return 1
  fi
}

expect_names_resolve() {
  local context=$1 namespace=$2 pod=$3 container=$4 name
  shift 4
  for name in "$@"; do
    cass_query "${context}" "${namespace}" "${pod}" "${container}" getent hosts "${name}" >/dev/null ||
      { fail "seed ${name} does not resolve inside ${pod}: set seeds in the plan"; return 1; }
  done
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

deployment_held() {
  replicas_are "$1" "${2%%/*}" deployment "${2#*/}" 0
}

replication_of() {
  local output
  output=$(cql read "$1" "$2" "$3" "$4" "SELECT keyspace_name, replication FROM system_schema.keyspaces WHERE keyspace_name = '$5';") ||
    { fail "cqlsh failed on $3"; return 1; }
  output=$(normalize_keyspaces no <<<"${output}")
  [[ -n "${output}" ]] || { fail "keyspace $5 does not exist"; return 1; }
  printf '%s\n' "${output#*=}"
}

replication_is() {
  local current
  current=$(replication_of "$1" "$2" "$3" "$4" "$5") || return 1
  [[ "${current}" == "$6" ]]
}

factor_in() {
  local spec=$1 datacenter=$2 pair
  local -a pairs
  IFS=',' read -r -a pairs <<<"${spec}"
  for pair in "${pairs[@]}"; do
    if [[ "${pair%%:*}" == "${datacenter}" ]]; then
      printf '%s\n' "${pair#*:}"
      return 0
    fi
  done
  printf '0\n'
}

replication_has() {
  local current factor
  current=$(replication_of "$1" "$2" "$3" "$4" "$5") || return 1
  factor=$(factor_in "${current}" "$6")
  [[ "${factor}" != 0 ]]
}

replication_lacks() {
  local current factor
  current=$(replication_of "$1" "$2" "$3" "$4" "$5") || return 1
  factor=$(factor_in "${current}" "$6")
  [[ "${factor}" == 0 ]]
}

streaming_idle() {
  local output
  output=$(cass_query "$1" "$2" "$3" "$4" nodetool netstats) || { fail "nodetool netstats failed on $3"; return 1; }
  if grep -Eq 'Receiving [0-9]+ files|Sending [0-9]+ files' <<<"${output}"; then
    fail "$3 is still streaming (nodetool netstats)"
    return 1
  fi
}

expect_max_map_count() {
  local value
  value=$(cass_query "$1" "$2" "$3" "$4" cat /proc/sys/vm/max_map_count) || { fail "cannot read vm.max_map_count in $3"; return 1; }
  (( value >= $5 )) || { fail "vm.max_map_count is ${value} on the node of $3, below $5 (rebuilds die with errno=12)"; return 1; }
}

expect_free_disk() {
  local output available
  output=$(cass_query "$1" "$2" "$3" "$4" df -Pk "$5") || { fail "cannot read free space of $5 in $3"; return 1; }
  # Bash does the multiplication: awk would print large products as 1.09951e+12.
  available=$(awk 'NR == 2 { print $4 }' <<<"${output}")
  [[ "${available}" =~ ^[0-9]+$ ]] || { fail "cannot read free space of $5 in $3 (df printed: ${output})"; return 1; }
  available=$(( available * 1024 ))
  (( available >= $6 )) ||
    { fail "$3 has ${available} bytes free under $5, less than the $6 the plan needs (set clear_snapshots = true or grow the disk)"; return 1; }
}

# --- helpers: machines and EBS (volume-adoption) -------------------------------

expect_data_mount() {
  local status=0
  machine_query "$1" "$2" "$3" mountpoint -q /var/lib/cassandra || status=$?
  if (( status == 255 )); then
    fail "cannot reach $2 over ssh (exit 255: host key, route or login; see ${LOG_FILE})"
    return 1
  fi
  (( status == 0 )) ||
    { fail "$2: /var/lib/cassandra is not a mounted volume; the plan's EBS volume must hold Cassandra's directory"; return 1; }
}

require_region() {
  query aws ec2 describe-availability-zones --region "$1" --output text >/dev/null ||
    { fail "the aws CLI cannot reach EC2 in region $1 (credentials, region)"; return 1; }
}

require_csi_driver() {
  kube_query "$1" - get csidriver "$2" -o name >/dev/null ||
    { fail "context $1 has no CSI driver $2: install the EBS CSI driver first"; return 1; }
}

expect_volume() {
  local output zone size state attachment
  output=$(query aws ec2 describe-volumes --region "$1" --volume-ids "$2" \
    --query 'Volumes[0].[AvailabilityZone,Size,State,Attachments[0].State]' --output text) ||
    { fail "volume $2 does not exist in region $1"; return 1; }
  read -r zone size state attachment <<<"${output}"
  [[ "${zone}" == "$3" ]] || { fail "volume $2 is in ${zone}, the plan says $3"; return 1; }
  [[ "${state}" == in-use && "${attachment}" == attached ]] || { fail "volume $2 is ${state}/${attachment}, not attached to its machine"; return 1; }
  (( size >= $4 )) || { fail "volume $2 has ${size} GiB, less than the $4 GiB of data the plan declares"; return 1; }
}

record_host_id() {
  local output id
  output=$(machine_query "$1" "$2" "$3" nodetool info) || { fail "nodetool info failed on $2"; return 1; }
  id=$(awk -F': ' '/^ID/ { print $2; exit }' <<<"${output}")
  [[ -n "${id}" ]] || { fail "no host id in nodetool info on $2"; return 1; }
  record_fact "host-id-$4" "${id}" || return 1
  say "  $4 ($2) is host ${id}"
}

host_ids_recorded() {
  local node
  for node in "$@"; do
    fact_recorded "host-id-${node}" || return 1
  done
}

tagged() {
  local kind=$1 region=$2 plan=$3 node=$4 stage=$5 query
  if [[ "${kind}" == snapshots ]]; then
    query='Snapshots[0].SnapshotId'
  else
    query='Volumes[0].VolumeId'
  fi
  query aws ec2 "describe-${kind}" --region "${region}" \
    --filters "Name=tag:cmplan-plan,Values=${plan}" "Name=tag:cmplan-node,Values=${node}" "Name=tag:cmplan-stage,Values=${stage}" \
    --query "${query}" --output text
}

# The tagged snapshot or volume with its state: `ID STATE`, or `None` when there is none.
tagged_state() {
  local kind=$1 region=$2 plan=$3 node=$4 stage=$5 query
  if [[ "${kind}" == snapshots ]]; then
    query='Snapshots[0].[SnapshotId,State]'
  else
    query='Volumes[0].[VolumeId,State]'
  fi
  query aws ec2 "describe-${kind}" --region "${region}" \
    --filters "Name=tag:cmplan-plan,Values=${plan}" "Name=tag:cmplan-node,Values=${node}" "Name=tag:cmplan-stage,Values=${stage}" \
    --query "${query}" --output text
}

# Only completed snapshots count: one still pending is not a copy yet.
snapshots_taken() {
  local region=$1 stage=$2 node found id state
  shift 2
  for node in "$@"; do
    found=$(tagged_state snapshots "${region}" "${PLAN_NAME}" "${node}" "${stage}") || return 1
    read -r id state <<<"${found}"
    [[ -n "${id}" && "${id}" != None && "${state}" == completed ]] || return 1
  done
}

# aws ec2 wait gives up after 40 polls of 15 s (botocore's EC2 waiter model), far less than
# a first snapshot of a large volume takes, so the runbook polls the state itself, for up to
# CMPLAN_SNAPSHOT_WAIT_SECONDS (default 12 h) for snapshots and CMPLAN_WAIT_SECONDS for volumes.
snapshot_completed() {
  local state
  state=$(query aws ec2 describe-snapshots --region "$1" --snapshot-ids "$2" --query 'Snapshots[0].State' --output text) || return 1
  if [[ "${state}" == error ]]; then
    fail "snapshot $2 failed (state error): delete it, then run the step again"
  fi
  [[ "${state}" == completed ]]
}

volume_available() {
  local state
  state=$(query aws ec2 describe-volumes --region "$1" --volume-ids "$2" --query 'Volumes[0].State' --output text) || return 1
  [[ "${state}" == available || "${state}" == in-use ]]
}

snapshot_volume() {
  local region=$1 volume=$2 node=$3 stage=$4 id
  id=$(tagged snapshots "${region}" "${PLAN_NAME}" "${node}" "${stage}") || return 1
  if [[ -z "${id}" || "${id}" == None ]]; then
    id=$(mutate aws ec2 create-snapshot --region "${region}" --volume-id "${volume}" \
      --description "cmplan ${PLAN_NAME} ${stage} snapshot of ${node}" \
      --tag-specifications "ResourceType=snapshot,Tags=[{Key=cmplan-plan,Value=${PLAN_NAME}},{Key=cmplan-node,Value=${node}},{Key=cmplan-stage,Value=${stage}}]" \
      --query SnapshotId --output text) || return 1
    say "  ${stage} snapshot ${id} of ${volume} (${node}) started"
  else
    say "  ${stage} snapshot ${id} of ${node} exists already"
  fi
  WAIT_SECONDS=${SNAPSHOT_WAIT_SECONDS} wait_until "snapshot ${id} of ${node} to complete" snapshot_completed "${region}" "${id}"
}

# Machine by machine, so a run killed half-way resumes where it stopped.
stop_cassandra() {
  local user=$1 options=$2 address state
  shift 2
  for address in "$@"; do
    state=$(service_state "${user}" "${address}" "${options}") || return 1
    if [[ "${state}" != active ]]; then
      say "  Cassandra is already stopped on ${address} (systemctl: ${state})"
      continue
    fi
    machine_mutate "${user}" "${address}" "${options}" nodetool drain
    machine_mutate "${user}" "${address}" "${options}" sudo systemctl stop cassandra
  done
}

start_cassandra() {
  local user=$1 options=$2 address state
  shift 2
  for address in "$@"; do
    state=$(service_state "${user}" "${address}" "${options}") || return 1
    if [[ "${state}" == active ]]; then
      say "  Cassandra already runs on ${address}"
      continue
    fi
    machine_mutate "${user}" "${address}" "${options}" sudo systemctl start cassandra
  done
}

cassandra_stopped() {
  local user=$1 options=$2 address state
  shift 2
  for address in "$@"; do
    state=$(service_state "${user}" "${address}" "${options}") || return 1
    [[ "${state}" == inactive || "${state}" == failed ]] || return 1
  done
}

# Only volumes that left `creating` count.
volumes_created() {
  local region=$1 node found id state
  shift
  for node in "$@"; do
    found=$(tagged_state volumes "${region}" "${PLAN_NAME}" "${node}" adopted) || return 1
    read -r id state <<<"${found}"
    [[ -n "${id}" && "${id}" != None && ( "${state}" == available || "${state}" == in-use ) ]] || return 1
  done
}

create_volume() {
  local region=$1 node=$2 zone=$3 type=$4 iops=$5 id snapshot
  local -a options=()
  id=$(tagged volumes "${region}" "${PLAN_NAME}" "${node}" adopted) || return 1
  if [[ -z "${id}" || "${id}" == None ]]; then
    snapshot=$(tagged snapshots "${region}" "${PLAN_NAME}" "${node}" final) || return 1
    [[ -n "${snapshot}" && "${snapshot}" != None ]] || { fail "no final snapshot of ${node}"; return 1; }
    if [[ "${type}" != "-" ]]; then
      options+=(--volume-type "${type}")
    fi
    if [[ "${iops}" != "-" ]]; then
      options+=(--iops "${iops}")
    fi
    id=$(mutate aws ec2 create-volume --region "${region}" --snapshot-id "${snapshot}" --availability-zone "${zone}" "${options[@]}" \
      --tag-specifications "ResourceType=volume,Tags=[{Key=cmplan-plan,Value=${PLAN_NAME}},{Key=cmplan-node,Value=${node}},{Key=cmplan-stage,Value=adopted}]" \
      --query VolumeId --output text) || return 1
    say "  volume ${id} for ${node} created in ${zone} from ${snapshot}"
  fi
  wait_until "volume ${id} of ${node} to be available" volume_available "${region}" "${id}"
}

apply_adopted_volume() {
  local context=$1 template=$2 region=$3 node=$4 id size text
  id=$(tagged volumes "${region}" "${PLAN_NAME}" "${node}" adopted) || return 1
  [[ -n "${id}" && "${id}" != None ]] || { fail "no adopted volume for ${node}"; return 1; }
  size=$(query aws ec2 describe-volumes --region "${region}" --volume-ids "${id}" --query 'Volumes[0].Size' --output text) || return 1
  id=$(checked_value "volume id" "${id}") || return 1
  [[ "${size}" =~ ^[0-9]+$ ]] || { fail "unexpected size '${size}' of volume ${id}"; return 1; }
  text=$(<"${RUNBOOK_DIR}/${template}")
  text=${text//__CMPLAN_VOLUME_HANDLE__/${id}}
  text=${text//__CMPLAN_CAPACITY__/${size}Gi}
  printf '%s\n' "${text}" | kube_mutate "${context}" - apply -f -
}

expect_host_id() {
  local output id expected
  expected=$(recall_fact "host-id-$5") || { fail "no recorded host id for $5 (in ${RECORD_NAME} or the state dir)"; return 1; }
  output=$(cass_query "$1" "$2" "$3" "$4" nodetool info) || { fail "nodetool info failed on $3"; return 1; }
  id=$(awk -F': ' '/^ID/ { print $2; exit }' <<<"${output}")
  [[ "${id}" == "${expected}" ]] || { fail "$3 runs host ${id}, but its disk came from $5, host ${expected}"; return 1; }
}

# --- helpers: actions ---------------------------------------------------------

apply_manifest() {
  kube_mutate "$1" - apply -f "${RUNBOOK_DIR}/$2"
}

checked_value() {
  local what=$1 value=$2
  [[ "${value}" =~ ^[A-Za-z0-9._:/-]+$ ]] || { fail "unexpected ${what} '${value}' read from the target's volume"; return 1; }
  printf '%s\n' "${value}"
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
  zone_key=$(kube_query "${target_context}" - get pv "${volume}" \
    -o jsonpath='{.spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].key}') || return 1
  zone=$(kube_query "${target_context}" - get pv "${volume}" \
    -o jsonpath='{.spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].values[0]}') || return 1
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

# --- the progress record: what a resume must know, kept in the target cluster ------
# Facts (a node rebuilt, a keyspace loaded, a host id, an operator's replicas, a
# confirmation) live in ConfigMap RECORD_NAME in the target's namespace, so a run that lost
# its state dir, or runs from another machine, still knows them; the state dir keeps a copy.
# Keys are letters, digits and underscores; values are plain words.
fact_key() {
  local fact_name=$2
  printf -v "$1" '%s' "${fact_name//[^A-Za-z0-9_]/_}"
}

record_fact() {
  local key patch
  fact_key key "$1"
  [[ "$2" =~ ^[A-Za-z0-9._:/-]+$ ]] || { fail "cannot record '$2' for $1: not a plain word"; return 1; }
  [[ "${DRY_RUN}" == false ]] || return 0
  # Parallel rebuilds or loads may race to create it: losing that race is fine.
  if ! object_exists "${RECORD_CONTEXT}" "${RECORD_NAMESPACE}" configmap "${RECORD_NAME}" &&
    ! kube_mutate "${RECORD_CONTEXT}" "${RECORD_NAMESPACE}" create configmap "${RECORD_NAME}" >/dev/null 2>&1 &&
    ! object_exists "${RECORD_CONTEXT}" "${RECORD_NAMESPACE}" configmap "${RECORD_NAME}"; then
    fail "cannot create the progress record ${RECORD_NAME} in context ${RECORD_CONTEXT} (namespace ${RECORD_NAMESPACE})"
    return 1
  fi
  printf -v patch '{"data":{"%s":"%s"}}' "${key}" "$2"
  kube_mutate "${RECORD_CONTEXT}" "${RECORD_NAMESPACE}" patch configmap "${RECORD_NAME}" --type merge -p "${patch}" >/dev/null ||
    { fail "cannot record $1 in ${RECORD_NAME} (context ${RECORD_CONTEXT})"; return 1; }
  printf '%s\n' "$2" >"${STATE_DIR}/fact-${key}"
}

# Prints a recorded fact; fails when it was never recorded.
recall_fact() {
  local key file value
  fact_key key "$1"
  file="${STATE_DIR}/fact-${key}"
  if [[ -s "${file}" ]]; then
    printf '%s\n' "$(<"${file}")"
    return 0
  fi
  value=$(kube_query "${RECORD_CONTEXT}" "${RECORD_NAMESPACE}" get configmap "${RECORD_NAME}" --ignore-not-found \
    -o "jsonpath={.data.${key}}") || return 1
  [[ -n "${value}" ]] || return 1
  printf '%s\n' "${value}"
}

fact_recorded() {
  recall_fact "$1" >/dev/null
}

hold_deployment() {
  local namespace=${2%%/*} name=${2#*/} replicas
  replicas=$(kube_query "$1" "${namespace}" get deployment "${name}" -o jsonpath='{.spec.replicas}') || return 1
  if [[ "${replicas}" != 0 ]] && ! fact_recorded "held-$1-$2"; then
    record_fact "held-$1-$2" "${replicas}" || return 1
  fi
  kube_mutate "$1" "${namespace}" scale deployment "${name}" --replicas=0
}

release_deployment() {
  local namespace=${2%%/*} name=${2#*/} replicas=1 saved
  if saved=$(recall_fact "held-$1-$2"); then
    replicas=${saved}
  fi
  kube_mutate "$1" "${namespace}" scale deployment "${name}" --replicas="${replicas}"
}

scale() {
  kube_mutate "$1" "$2" scale "$3" "$4" --replicas="$5"
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

wait_datacenter_up() {
  wait_until "datacenter $5 to show $6 nodes UN" expect_datacenter_up "$@"
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

drain() {
  local context=$1 namespace=$2 target found
  shift 2
  for target in "$@"; do
    found=$(kube_query "${context}" "${namespace}" get pod "${target%%/*}" --ignore-not-found -o name) || return 1
    if [[ -n "${found}" ]]; then
      cass_mutate "${context}" "${namespace}" "${target%%/*}" "${target#*/}" nodetool drain
    fi
  done
}

clear_snapshots() {
  local context=$1 namespace=$2 version=$3 target
  shift 3
  for target in "$@"; do
    if (( ${version%%.*} >= 4 )); then
      cass_mutate "${context}" "${namespace}" "${target%%/*}" "${target#*/}" nodetool clearsnapshot --all
    else
      cass_mutate "${context}" "${namespace}" "${target%%/*}" "${target#*/}" nodetool clearsnapshot
    fi
  done
}

# A replication map from `dc:rf,...`, DC names quoted (CQL rejects them bare).
replication_map() {
  local entries="" pair
  local -a pairs
  IFS=',' read -r -a pairs <<<"$1"
  for pair in "${pairs[@]}"; do
    entries+=", '${pair%%:*}': ${pair#*:}"
  done
  printf "{'class': 'NetworkTopologyStrategy'%s}\n" "${entries}"
}

alter_replication() {
  local map
  map=$(replication_map "$6")
  cql change "$1" "$2" "$3" "$4" "ALTER KEYSPACE \"$5\" WITH replication = ${map};"
}

extend_replication() {
  local current factor spec maximum=$8
  current=$(replication_of "$1" "$2" "$3" "$4" "$5") || return 1
  case "${current}" in
    simple:*)
      factor=${current#simple:}
      spec="$6:${factor}"
      ;;
    class:*)
      fail "keyspace $5 uses ${current#class:}; alter it to NetworkTopologyStrategy by hand first"
      return 1
      ;;
    *)
      factor=$(factor_in "${current}" "$6")
      spec=${current}
      ;;
  esac
  if (( factor > maximum )); then
    factor=${maximum}
  fi
  if (( factor < 1 )); then
    factor=1
  fi
  alter_replication "$1" "$2" "$3" "$4" "$5" "${spec},$7:${factor}"
}

drop_replication() {
  local current kept="" pair
  local -a pairs
  current=$(replication_of "$1" "$2" "$3" "$4" "$5") || return 1
  IFS=',' read -r -a pairs <<<"${current}"
  for pair in "${pairs[@]}"; do
    if [[ "${pair%%:*}" != "$6" ]]; then
      kept+="${kept:+,}${pair}"
    fi
  done
  [[ -n "${kept}" ]] || { fail "dropping $6 would leave keyspace $5 without replicas"; return 1; }
  [[ "${kept}" != "${current}" ]] || return 0
  alter_replication "$1" "$2" "$3" "$4" "$5" "${kept}"
}

# Rebuilds at most PARALLEL nodes at once. After a failure no new rebuild starts; the ones
# running are waited for, and each failed node is named once.
rebuild() {
  local context=$1 namespace=$2 source_dc=$3 parallel=$4 target pod index failed=""
  shift 4
  local -a pids=() pods=()
  for target in "$@"; do
    pod=${target%%/*}
    if fact_recorded "rebuilt-${pod}"; then
      say "  rebuild of ${pod} already finished"
      continue
    fi
    while (( ${#pids[@]} >= parallel )); do
      for index in "${!pids[@]}"; do
        if ! kill -0 "${pids[index]}" 2>/dev/null; then
          wait "${pids[index]}" || failed+=" ${pods[index]%%/*}"
          unset 'pids[index]' 'pods[index]'
        fi
      done
      pids=("${pids[@]}")
      pods=("${pods[@]}")
      if (( ${#pids[@]} >= parallel )); then
        progress "${context}" "${namespace}" "${pods[@]}"
        sleep "${POLL_SECONDS}"
      fi
    done
    [[ -z "${failed}" ]] || break
    say "  rebuilding ${pod} from ${source_dc}"
    rebuild_one "${context}" "${namespace}" "${target}" "${source_dc}" &
    pids+=("$!")
    pods+=("${target}")
  done
  for index in "${!pids[@]}"; do
    wait "${pids[index]}" || failed+=" ${pods[index]%%/*}"
  done
  [[ -z "${failed}" ]] ||
    { fail "the rebuild failed on:${failed} (no rebuild is left running); running the step again resumes with the nodes not yet rebuilt"; return 1; }
}

# One node's rebuild. A rebuild keeps running inside Cassandra when the run that started it
# dies (nodetool only waits on a JMX call), and Cassandra refuses a second one while it runs
# ("Node is still rebuilding"), so a resume first waits for one still running (netstats
# prints "Rebuild <plan id>": tools/nodetool/NetStats.java). Running it again afterwards
# streams only what is missing: RangeStreamer skips ranges already in system.available_ranges
# ("Some ranges of ... are already available. Skipping streaming those ranges.").
rebuild_one() {
  local context=$1 namespace=$2 target=$3 source_dc=$4
  trap - ERR  # in the background: the caller reports the failure, once
  if ! rebuild_idle "${context}" "${namespace}" "${target}" 2>>"${LOG_FILE}"; then
    say "  a rebuild is still running on ${target%%/*} (started by an earlier run): waiting for it"
    wait_until "the running rebuild of ${target%%/*}" rebuild_idle "${context}" "${namespace}" "${target}" || return 1
  fi
  cass_mutate "${context}" "${namespace}" "${target%%/*}" "${target#*/}" nodetool rebuild -- "${source_dc}" || return 1
  record_fact "rebuilt-${target%%/*}" "${source_dc}" || return 1
  say "  rebuild of ${target%%/*} finished"
}

# No rebuild stream session on a node: `CONTEXT NS POD/CONTAINER`.
rebuild_idle() {
  local output
  output=$(cass_query "$1" "$2" "${3%%/*}" "${3#*/}" nodetool netstats) || { fail "nodetool netstats failed on ${3%%/*}"; return 1; }
  if grep -q '^Rebuild ' <<<"${output}"; then
    return 1
  fi
}

progress() {
  local context=$1 namespace=$2 target output
  shift 2
  for target in "$@"; do
    output=$(cass_query "${context}" "${namespace}" "${target%%/*}" "${target#*/}" nodetool netstats 2>/dev/null || true)
    output=$(grep -Ec 'Receiving [0-9]+ files' <<<"${output}" || true)
    printf '  %s: %s streaming session(s) receiving\n' "${target%%/*}" "${output}"
  done
}

repair_full() {
  local context=$1 namespace=$2 target
  shift 2
  for target in "$@"; do
    if fact_recorded "repaired-${target%%/*}"; then
      say "  repair of ${target%%/*} already finished"
      continue
    fi
    cass_mutate "${context}" "${namespace}" "${target%%/*}" "${target#*/}" nodetool repair --full || return 1
    record_fact "repaired-${target%%/*}" repaired || return 1
  done
}

remove_datacenter_nodes() {
  local output ids live id
  output=$(cass_query "$1" "$2" "$3" "$4" nodetool status) || { fail "nodetool status failed on $3"; return 1; }
  live=$(awk -v dc="$5" '/^Datacenter: / { current = substr($0, 13) } current == dc && /^U[NLJM] / { print }' <<<"${output}")
  [[ -z "${live}" ]] || { fail "datacenter $5 still has nodes up; they must be stopped before removenode"; return 1; }
  ids=$(awk -v dc="$5" '
    /^Datacenter: / { current = substr($0, 13) }
    current == dc && /^D[NLJM] / {
      # No {n} intervals: mawk, the default awk on Debian and Ubuntu, does not support them.
      for (i = 1; i <= NF; i++) if ($i ~ /^[0-9a-f]+-[0-9a-f]+-[0-9a-f]+-[0-9a-f]+-[0-9a-f]+$/ && length($i) == 36) print $i
    }' <<<"${output}")
  while read -r id; do
    [[ -n "${id}" ]] || continue
    say "  removing node ${id} of datacenter $5"
    cass_mutate "$1" "$2" "$3" "$4" nodetool removenode "${id}"
  done <<<"${ids}"
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

# CQL clients connected to one node (nodetool clientstats, Cassandra 4.0+): `NODE(4)`.
client_count() {
  local output count
  output=$(cass_query "$1" "$2" "$3" "$4" nodetool clientstats) || { fail "nodetool clientstats failed on $3"; return 1; }
  count=$(awk -F': ' '/^Total connected clients:/ { print $2; exit }' <<<"${output}")
  printf '%s\n' "${count:-0}"
}

# No CQL client left on any of the nodes (Cassandra 4.0+).
expect_no_clients() {
  local context=$1 namespace=$2 version=$3 target count busy=""
  shift 3
  if (( ${version%%.*} < 4 )); then
    say "  Cassandra ${version} has no nodetool clientstats: the client switch is taken on trust"
    return 0
  fi
  for target in "$@"; do
    count=$(client_count "${context}" "${namespace}" "${target%%/*}" "${target#*/}") || return 1
    if [[ "${count}" != 0 ]]; then
      busy+=" ${target%%/*} (${count})"
    fi
  done
  [[ -z "${busy}" ]] ||
    { fail "clients are still connected to:${busy}; nodetool clientstats names them: move them, then resume"; return 1; }
}

node_mode() {
  local output
  output=$(cass_query "$1" "$2" "$3" "$4" nodetool netstats 2>/dev/null) || return 1
  awk '/^Mode:/ { print $2; exit }' <<<"${output}"
}

# nodetool decommission on each node still in the ring, one at a time; a node whose pod is
# gone or whose nodetool does not answer is left to removenode by host id.
decommission_nodes() {
  local context=$1 namespace=$2 target found mode
  shift 2
  for target in "$@"; do
    found=$(kube_query "${context}" "${namespace}" get pod "${target%%/*}" --ignore-not-found -o name) || return 1
    if [[ -z "${found}" ]]; then
      say "  ${target%%/*} is gone: its host id is removed with removenode"
      continue
    fi
    mode=$(node_mode "${context}" "${namespace}" "${target%%/*}" "${target#*/}") || mode=unreachable
    case "${mode}" in
      DECOMMISSIONED) say "  ${target%%/*} is already decommissioned" ;;
      NORMAL)
        say "  decommissioning ${target%%/*}"
        cass_mutate "${context}" "${namespace}" "${target%%/*}" "${target#*/}" nodetool decommission
        ;;
      *) say "  ${target%%/*} is ${mode}: its host id is removed with removenode" ;;
    esac
  done
}

# --- snapshot-load: a node is "CONTEXT NS POD CONTAINER" or "@ssh USER ADDRESS OPTIONS" ---

# Table names of a keyspace, one per line, sorted.
table_names() {
  local output
  output=$(cql read "$1" "$2" "$3" "$4" "SELECT table_name FROM system_schema.tables WHERE keyspace_name = '$5';") || return 1
  awk 'NF == 1 && $1 != "table_name" && $1 !~ /^-+$/ && $1 !~ /^\(/ { print $1 }' <<<"${output}" | sort
}

# The keyspace exists on the target (second node) with SPEC and the source's tables.
schema_copied() {
  local source_tables target_tables
  replication_is "$5" "$6" "$7" "$8" "$9" "${10}" 2>/dev/null || return 1
  source_tables=$(table_names "$1" "$2" "$3" "$4" "$9") || return 1
  target_tables=$(table_names "$5" "$6" "$7" "$8" "$9") || return 1
  [[ -n "${source_tables}" && "${source_tables}" == "${target_tables}" ]]
}

# DESCRIBE KEYSPACE on the source, applied statement by statement on the target: the
# keyspace with the target's replication, everything else with IF NOT EXISTS (re-runnable).
copy_schema() {
  local keyspace=$9 spec=${10} schema map line statement=""
  schema=$(cql read "$1" "$2" "$3" "$4" "DESCRIBE KEYSPACE \"${keyspace}\";") || { fail "DESCRIBE KEYSPACE ${keyspace} failed on $3"; return 1; }
  map=$(replication_map "${spec}")
  cql change "$5" "$6" "$7" "$8" "CREATE KEYSPACE IF NOT EXISTS \"${keyspace}\" WITH replication = ${map};"
  while IFS= read -r line; do
    [[ -n "${statement}" || -n "${line// /}" ]] || continue
    statement+="${line}"$'\n'
    [[ "${line}" == *";" ]] || continue
    if [[ "${statement}" != "CREATE KEYSPACE "* ]]; then
      if [[ "${statement%%$'\n'*}" != *" IF NOT EXISTS "* ]]; then
        statement=$(sed -E '1s/^CREATE (TABLE|TYPE|INDEX|CUSTOM INDEX|MATERIALIZED VIEW|FUNCTION|AGGREGATE) /CREATE \1 IF NOT EXISTS /' <<<"${statement}")
      fi
      cql change "$5" "$6" "$7" "$8" "${statement}" >/dev/null
    fi
    statement=""
  done <<<"${schema}"
}

# Clients on one node must be gone; then native transport (and Thrift before 4.0) is
# disabled, so nothing written after the snapshot can be accepted and lost.
stop_client_traffic() {
  local version=$5 count
  if (( ${version%%.*} >= 4 )); then
    count=$(client_count "$1" "$2" "$3" "$4") || return 1
    [[ "${count}" == 0 ]] ||
      { fail "${count} client connection(s) still open on $3 (nodetool clientstats names them): stop those clients, then resume"; return 1; }
  fi
  cass_mutate "$1" "$2" "$3" "$4" nodetool disablebinary
  if (( ${version%%.*} < 4 )); then
    cass_mutate "$1" "$2" "$3" "$4" nodetool disablethrift
  fi
}

client_traffic_stopped() {
  local output
  output=$(cass_query "$1" "$2" "$3" "$4" nodetool statusbinary) || return 1
  [[ "${output}" == *"not running"* ]] || { fail "native transport still runs on $3"; return 1; }
}

node_has_snapshot() {
  local output
  output=$(cass_query "$1" "$2" "$3" "$4" nodetool listsnapshots) || return 1
  awk -v tag="$5" '$1 == tag { found = 1 } END { exit !found }' <<<"${output}"
}

snapshot_node() {
  if node_has_snapshot "$@" 2>/dev/null; then
    say "  $3 already has snapshot $5"
    return 0
  fi
  cass_mutate "$1" "$2" "$3" "$4" nodetool flush
  cass_mutate "$1" "$2" "$3" "$4" nodetool snapshot -t "$5"
}

snapshot_cleared() {
  ! node_has_snapshot "$@" 2>/dev/null
}

clear_node_snapshot() {
  cass_mutate "$1" "$2" "$3" "$4" nodetool clearsnapshot -t "$5"
  cass_mutate "$1" "$2" "$3" "$4" rm -rf "/var/lib/cassandra/cmplan-load/$5"
}

# The target's pod addresses, read now, for sstableloader -d: `CONTEXT NS POD...`.
LOAD_HOSTS=""
declare -a LOADER_PIDS=()
declare -a LOADER_NODES=()

target_addresses() {
  local context=$1 namespace=$2 pod address
  shift 2
  LOAD_HOSTS=""
  for pod in "$@"; do
    address=$(kube_query "${context}" "${namespace}" get pod "${pod}" -o jsonpath='{.status.podIP}') || return 1
    [[ -n "${address}" ]] || { fail "pod ${pod} has no address yet"; return 1; }
    LOAD_HOSTS+="${LOAD_HOSTS:+,}${address}"
  done
}

# sstableloader of one node's snapshot, keyspace by keyspace, table by table (it takes the
# keyspace and table from the last two directories, so the snapshot is hard-linked into
# /var/lib/cassandra/cmplan-load/TAG/KEYSPACE/TABLE first). A marker per keyspace resumes.
load_node() {
  local tag=$5 mbits=$6 keyspace directories directory table staging
  trap - ERR  # in the background: wait_loaders reports the failure, once
  for keyspace in "${@:7}"; do
    if fact_recorded "loaded-$3-${keyspace}"; then
      say "  $3: ${keyspace} already loaded"
      continue
    fi
    directories=$(cass_query "$1" "$2" "$3" "$4" find "/var/lib/cassandra/data/${keyspace}" -mindepth 3 -maxdepth 3 -type d -path "*/snapshots/${tag}") ||
      { fail "cannot list the snapshot of ${keyspace} on $3"; return 1; }
    [[ -n "${directories}" ]] || { fail "$3 has no snapshot ${tag} of ${keyspace}: run the snapshot step again"; return 1; }
    while IFS= read -r directory; do
      table=${directory%/snapshots/*}
      table=${table##*/}
      table=${table%-*}
      staging="/var/lib/cassandra/cmplan-load/${tag}/${keyspace}/${table}"
      cass_mutate "$1" "$2" "$3" "$4" mkdir -p "${staging}" || return 1
      cass_mutate "$1" "$2" "$3" "$4" cp -al "${directory}/." "${staging}/" || return 1
      if ! loader_idle "$1" "$2" "$3" "$4" "${staging}"; then
        say "  an sstableloader of ${staging} still runs on $3 (started by an earlier run): waiting for it"
        WAIT_SECONDS=${SNAPSHOT_WAIT_SECONDS} wait_until "the running sstableloader on $3" loader_idle "$1" "$2" "$3" "$4" "${staging}" || return 1
      fi
      cass_mutate "$1" "$2" "$3" "$4" sstableloader --no-progress -d "${LOAD_HOSTS}" -t "${mbits}" "${staging}" || return 1
    done <<<"${directories}"
    record_fact "loaded-$3-${keyspace}" "${tag}" || return 1
    say "  $3: ${keyspace} loaded"
  done
}

# No sstableloader of STAGING runs next to a node: `NODE(4) STAGING`. Killing the runbook kills
# its ssh or kubectl client, not the process on the other side, so a resume asks before it
# loads the same directory again (pgrep -f matches the full command line; exit 1: none).
loader_idle() {
  local status=0
  cass_query "$1" "$2" "$3" "$4" pgrep -f "sstableloader .*${5}\$" >/dev/null || status=$?
  case "${status}" in
    1) return 0 ;;
    0) return 1 ;;
    *) say "  cannot tell whether an sstableloader still runs on $3 (pgrep exit ${status}); going on"; return 0 ;;
  esac
}

# Starts a node's loader in the background: `NODE(4) TAG MBITS KEYSPACE...`.
start_loader() {
  say "  loading the snapshot of $3"
  load_node "$@" &
  LOADER_PIDS+=("$!")
  LOADER_NODES+=("$3")
}

wait_loaders() {
  local index failed=""
  for index in "${!LOADER_PIDS[@]}"; do
    wait "${LOADER_PIDS[index]}" || failed+=" ${LOADER_NODES[index]}"
  done
  LOADER_PIDS=()
  LOADER_NODES=()
  [[ -z "${failed}" ]] || { fail "loading failed on:${failed}; running the step again resumes with the keyspaces not yet loaded"; return 1; }
}

# Every node's loader finished: `NODE_NAME...` (facts in the progress record).
snapshots_loaded() {
  local node keyspace
  local -a keyspaces
  IFS=',' read -r -a keyspaces <<<"$1"
  for node in "${@:2}"; do
    for keyspace in "${keyspaces[@]}"; do
      fact_recorded "loaded-${node}-${keyspace}" || return 1
    done
  done
}

row_count() {
  local output
  output=$(cql read "$1" "$2" "$3" "$4" "SELECT COUNT(*) FROM \"$5\".\"$6\";") || return 1
  awk 'found && NF == 1 { print $1; exit } /^-+$/ { found = 1 }' <<<"${output}"
}

# The first table of a keyspace has as many rows on the target as on the source (a sample:
# COUNT(*) reads every partition, so one table per keyspace).
expect_same_rows() {
  local keyspace=$9 table source_rows target_rows
  table=$(table_names "$1" "$2" "$3" "$4" "${keyspace}" | head -n 1) || return 1
  [[ -n "${table}" ]] || { say "  ${keyspace} has no tables"; return 0; }
  source_rows=$(row_count "$1" "$2" "$3" "$4" "${keyspace}" "${table}") || { fail "cannot count ${keyspace}.${table} on the source"; return 1; }
  target_rows=$(row_count "$5" "$6" "$7" "$8" "${keyspace}" "${table}") || { fail "cannot count ${keyspace}.${table} on the target"; return 1; }
  [[ "${source_rows}" == "${target_rows}" ]] ||
    { fail "${keyspace}.${table} has ${source_rows} rows on the source and ${target_rows} on the target: the load is incomplete; do not switch the clients"
      fail "to load again: remove the loaded_* keys from ConfigMap ${RECORD_NAME} (kubectl --context ${RECORD_CONTEXT} --namespace ${RECORD_NAMESPACE} edit configmap ${RECORD_NAME}) and rm ${STATE_DIR}/fact-loaded_*, then resume with --from the load-snapshots step (sstableloader overwrites what is already there)"
      return 1; }
  say "  ${keyspace}.${table}: ${target_rows} rows on both sides"
}

delete_object() {
  kube_mutate "$1" "$2" delete "$3" "$4" --ignore-not-found --wait=true
}

# Asks the person running the runbook, and records the answer under KEY: `KEY MESSAGE`.
confirm() {
  local answer
  if [[ "${ASSUME_YES}" == true ]]; then
    say "  (--yes) $2"
  else
    printf '\n  %s\n  Type yes when done: ' "$2"
    read -r answer || { fail "no answer on standard input: run interactively or with --yes"; return 1; }
    [[ "${answer}" == yes ]] || { fail "not confirmed"; return 1; }
    log "confirmed: $2"
  fi
  record_fact "confirmed-$1" yes
}

# A confirmation was given (by any run): `KEY`.
confirmed() {
  fact_recorded "confirmed-$1"
}

# --- state: journal, lock, downtime window -----------------------------------

# The journal is read once into memory: --list and long runbooks ask it for every step.
declare -A JOURNAL=()

journal_load() {
  local id rest
  JOURNAL=()
  [[ -f "${STATE_DIR}/journal" ]] || return 0
  while read -r id rest; do
    JOURNAL["${id}"]=${rest}
  done <"${STATE_DIR}/journal"
}

journal_has() {
  [[ -n "${JOURNAL[$1]+done}" ]]
}

journal_record() {
  local now
  timestamp now
  printf '%s %s %s\n' "$1" "${now}" "${PLAN_HASH}" >>"${STATE_DIR}/journal"
  JOURNAL["$1"]="${now} ${PLAN_HASH}"
}

check_journal_hash() {
  local other
  [[ -f "${STATE_DIR}/journal" ]] || return 0
  other=$(awk -v hash="${PLAN_HASH}" '$3 != hash { print $1; exit }' "${STATE_DIR}/journal")
  [[ -z "${other}" ]] || die "the journal in ${STATE_DIR} was written for another version of the plan (step ${other}): the plan changed after review; rebuild, review again, and use a new --state-dir"
}

take_lock() {
  local lock="${STATE_DIR}/lock" host now
  if ! mkdir "${lock}" 2>/dev/null; then
    local owner="unknown"
    if [[ -f "${lock}/owner" ]]; then
      owner=$(<"${lock}/owner")
    fi
    die "another run holds ${lock} (${owner}): wait for it, or remove ${lock} if that run is dead"
  fi
  host=$(uname -n)
  timestamp now
  printf 'user %s, pid %s, host %s, since %s\n' "${USER:-unknown}" "$$" "${host}" "${now}" >"${lock}/owner"
  trap 'rm -rf "${STATE_DIR}/lock"' EXIT
}

downtime_begin() {
  local started="${STATE_DIR}/downtime-started"
  if [[ ! -f "${started}" ]]; then
    local now
    epoch_seconds now
    printf '%s\n' "${now}" >"${started}"
    say "== downtime window opens (budget ${DOWNTIME_BUDGET_SECONDS}s)"
  fi
}

downtime_end() {
  local started="${STATE_DIR}/downtime-started" begin now elapsed
  [[ -f "${started}" && ! -f "${STATE_DIR}/downtime-ended" ]] || return 0
  begin=$(<"${started}")
  epoch_seconds now
  elapsed=$(( now - begin ))
  printf '%s\n' "${elapsed}" >"${STATE_DIR}/downtime-ended"
  if (( elapsed > DOWNTIME_BUDGET_SECONDS )); then
    say "== downtime window closed after ${elapsed}s: OVER the budget of ${DOWNTIME_BUDGET_SECONDS}s"
  else
    say "== downtime window closed after ${elapsed}s (budget ${DOWNTIME_BUDGET_SECONDS}s)"
  fi
}

# Inside the window, each step says how much of the budget is spent.
downtime_report() {
  local started="${STATE_DIR}/downtime-started" begin now
  [[ -f "${started}" && ! -f "${STATE_DIR}/downtime-ended" ]] || return 0
  begin=$(<"${started}")
  epoch_seconds now
  say "      $1: downtime so far $(( now - begin ))s of the ${DOWNTIME_BUDGET_SECONDS}s budget"
}

confirm_destructive() {
  local answer
  [[ "${ASSUME_YES}" == false ]] || return 0
  [[ "${DRY_RUN}" == false ]] || return 0
  printf '\n  Step %s is destructive: %s\n  Type the plan name (%s) to go on: ' "$1" "$2" "${PLAN_NAME}"
  read -r answer || die "step $1 is destructive and there is no terminal to confirm it: run interactively or with --yes"
  [[ "${answer}" == "${PLAN_NAME}" ]] || die "not confirmed; nothing was changed by step $1"
}

# A dry run asks the live system only when every cluster answers at once; otherwise every
# step is shown (guards against unreachable clusters would each wait for a timeout).
probe_clusters() {
  local context
  if ! command -v kubectl >/dev/null 2>&1; then
    GUARDS_REACHABLE=false
    say "dry run: kubectl is not on PATH; no step asks the live system whether it is done"
    return 0
  fi
  for context in "${CLUSTER_CONTEXTS[@]}"; do
    if ! kubectl --context "${context}" get --raw /version --request-timeout=5s >/dev/null 2>&1; then
      GUARDS_REACHABLE=false
      say "dry run: context ${context} does not answer; no step asks the live system whether it is done"
      return 0
    fi
  done
}

# --- the step runner -----------------------------------------------------------

index_of() {
  local index
  for index in "${!STEP_IDS[@]}"; do
    if [[ "${STEP_IDS[index]}" == "$1" ]]; then
      printf '%s\n' "${index}"
      return 0
    fi
  done
  die "no step $1 (see --list)"
}

# A run that lost its journal (or starts on another machine) asks the steps whose guards
# mark progress, latest first, how far the live system already is: every step up to the
# first that answers counts as done, even where its own guard no longer holds (the source
# stopped, replication moved on). The scan stops at a progress step the journal knows.
find_progress() {
  local index
  for (( index = ${#STEP_IDS[@]} - 1; index >= 0; index-- )); do
    [[ "${STEP_MARKS_PROGRESS[index]}" == yes ]] || continue
    if journal_has "${STEP_IDS[index]}"; then
      return 0
    fi
    if step_guard "${STEP_IDS[index]}" 2>>"${LOG_FILE}"; then
      PROGRESS_INDEX=${index}
      say "the live system is past ${STEP_IDS[index]}: it and every step before it count as done"
      return 0
    fi
  done
}

# The state dir as an absolute path, so --list and resume hints work from any directory.
absolute_state_dir() {
  if [[ "${STATE_DIR}" != /* ]]; then
    STATE_DIR="${PWD}/${STATE_DIR#./}"
  fi
}

# The command that resumes at a step, ready to paste: this runbook, its state dir, the step.
resume_command() {
  printf -v "$1" '%q --state-dir %q --from %q' "$0" "${STATE_DIR}" "$2"
}

run_step() {
  local index=$1 id purpose phase destructive downtime
  id=${STEP_IDS[index]}
  purpose=${STEP_PURPOSES[index]}
  phase=${STEP_PHASES[index]}
  destructive=${STEP_DESTRUCTIVE[index]}
  downtime=${STEP_DOWNTIME[index]}
  CURRENT_STEP=${id}
  if [[ "${STEP_MANUAL[index]}" == yes && "${ONLY_STEP}" != "${id}" ]]; then
    say "skip  ${id}: runs only when asked for by name (--only ${id})"
    return 0
  fi
  if journal_has "${id}"; then
    say "done  ${id}: already done (journal)"
    return 0
  fi
  if (( index <= PROGRESS_INDEX )) && [[ "${ONLY_STEP}" != "${id}" ]]; then
    say "done  ${id}: already done (the live system is past ${STEP_IDS[PROGRESS_INDEX]})"
    if [[ "${DRY_RUN}" == false ]]; then
      journal_record "${id}"
    fi
    return 0
  fi
  if [[ "${DRY_RUN}" == true && "${GUARDS_REACHABLE}" == false ]]; then
    : # a dry run without kubectl on PATH cannot ask the live system
  elif step_guard "${id}" 2>>"${LOG_FILE}"; then
    say "done  ${id}: already done (the live system says so)"
    if [[ "${DRY_RUN}" == false ]]; then
      journal_record "${id}"
    fi
    return 0
  fi
  if [[ "${DRY_RUN}" == false ]] && ! step_premise "${id}"; then
    die "step ${id} is not safe to run: what it relies on does not hold (above). Earlier steps must finish first; run without --from or --only, or resume from the step that makes it true"
  fi
  if [[ "${destructive}" == yes ]]; then
    confirm_destructive "${id}" "${purpose}"
  fi
  if [[ "${downtime}" == yes && "${DRY_RUN}" == false ]]; then
    downtime_begin
  fi
  local flags=${phase}
  if [[ "${destructive}" == yes ]]; then
    flags+=", destructive"
  fi
  if [[ "${downtime}" == yes ]]; then
    flags+=", downtime"
  fi
  say "run   ${id} [${flags}]: ${purpose}"
  if [[ "${DRY_RUN}" == true ]]; then
    step_show "${id}"
    return 0
  fi
  step_action "${id}"
  local resume
  resume_command resume "${id}"
  step_check "${id}" || die "step ${id} ran but its check failed (see above): fix the cause, then resume with: ${resume}"
  journal_record "${id}"
  if [[ "${downtime}" == yes ]]; then
    downtime_report "${id}"
  fi
  if [[ "${downtime}" == yes && "${index}" == "${LAST_DOWNTIME_STEP}" ]]; then
    downtime_end
  fi
}

usage() {
  cat <<USAGE
${PLAN_NAME}: the runbook cmplanc generated for this plan (strategy ${PLAN_STRATEGY}).

usage: $0 [options]
  --help            this text
  --list            every step with its status from the journal (touches no cluster)
  --dry-run         print each command instead of running it; read-only guards still run
  --from STEP       start at STEP (earlier steps are not checked again; a destructive step
                    still checks what makes it safe)
  --only STEP       run STEP alone
  --yes             do not ask before destructive steps and confirmations
  --state-dir DIR   journal, lock and log (default .cmplan-state/${PLAN_NAME} beside this runbook,
                    whatever the working directory)

Without its journal (another machine, a lost state dir) a run asks the live system where it
stands: steps whose effect it can read back are found done, and nothing is done twice.

cqlsh credentials come from CQLSH_USERNAME and CQLSH_PASSWORD; CMPLAN_POLL_SECONDS and
CMPLAN_WAIT_SECONDS tune waiting (default 10 and 1800), CMPLAN_SNAPSHOT_WAIT_SECONDS the wait
for one EBS snapshot (default 43200).
USAGE
}

list_steps() {
  local index status flags
  for index in "${!STEP_IDS[@]}"; do
    status="pending"
    if journal_has "${STEP_IDS[index]}"; then
      status="done"
    fi
    flags=""
    if [[ "${STEP_DESTRUCTIVE[index]}" == yes ]]; then
      flags+=" [destructive]"
    fi
    if [[ "${STEP_DOWNTIME[index]}" == yes ]]; then
      flags+=" [downtime]"
    fi
    if [[ "${STEP_MANUAL[index]}" == yes ]]; then
      flags+=" [only with --only]"
    fi
    printf '%-8s %-40s %-10s %s%s\n' "${status}" "${STEP_IDS[index]}" "${STEP_PHASES[index]}" "${STEP_PURPOSES[index]}" "${flags}"
  done
}

main() {
  local from="" only="" list=false first=0 last index
  STATE_DIR="${RUNBOOK_DIR}/.cmplan-state/${PLAN_NAME}"
  while (( $# > 0 )); do
    case "$1" in
      --help | -h) usage; return 0 ;;
      --list) list=true ;;
      --dry-run) DRY_RUN=true ;;
      --yes) ASSUME_YES=true ;;
      --from) [[ $# -ge 2 ]] || die "--from needs a step id"; from=$2; shift ;;
      --only) [[ $# -ge 2 ]] || die "--only needs a step id"; only=$2; shift ;;
      --state-dir) [[ $# -ge 2 ]] || die "--state-dir needs a directory"; STATE_DIR=$2; shift ;;
      *) usage >&2; die "unknown option $1" ;;
    esac
    shift
  done
  absolute_state_dir
  journal_load
  if [[ "${list}" == true ]]; then
    list_steps
    return 0
  fi
  (( BASH_VERSINFO[0] > 4 || (BASH_VERSINFO[0] == 4 && BASH_VERSINFO[1] >= 4) )) || die "bash 4.4 or later is needed"
  mkdir -p "${STATE_DIR}"
  LOG_FILE="${STATE_DIR}/log"
  check_journal_hash
  if [[ "${DRY_RUN}" == false ]]; then
    take_lock
  else
    probe_clusters
  fi
  log "start: $0 $* (plan ${PLAN_NAME}, sha256 ${PLAN_HASH})"
  say "state dir: ${STATE_DIR} (journal, lock, log)"
  last=$(( ${#STEP_IDS[@]} - 1 ))
  if [[ -n "${from}" ]]; then
    first=$(index_of "${from}")
  fi
  if [[ -n "${only}" ]]; then
    ONLY_STEP=${only}
    first=$(index_of "${only}")
    last=${first}
  fi
  if [[ -z "${only}" && ( "${DRY_RUN}" == false || "${GUARDS_REACHABLE}" == true ) ]]; then
    find_progress
  fi
  for (( index = first; index <= last; index++ )); do
    run_step "${index}"
  done
  CURRENT_STEP=""
  if [[ "${DRY_RUN}" == true ]]; then
    say "dry run finished: nothing was changed"
  else
    say "finished: steps ${STEP_IDS[first]} to ${STEP_IDS[last]} are done (journal: ${STATE_DIR}/journal)"
  fi
}
"""#
}
