# shellcheck shell=bash
# Cassandra through nodetool and cqlsh, in a pod or on a machine: status, schema,
# replication, rebuild, repair, clients and decommission.

# A command next to a Cassandra node: in a pod (CONTEXT NS POD CONTAINER) or on a machine
# (@ssh USER ADDRESS OPTIONS), through query or mutate.
# nodetool on a node whose JMX wants a login (JMX_LOGINS) gets it through JMX_LOGIN_SHELL: the
# `USER PASSWORD` line on standard input (kubectl exec -i, ssh without -n), never an argument.
cass_with() {
  local runner=$1 spec login="" user
  shift
  local -a words=("${@:5}")
  spec=$(jmx_login_spec "$1" "$2")
  if [[ -n "${spec}" && "${words[0]:-}" == nodetool ]]; then
    jmx_login_file login user "${spec}" || return 1
    words=(sh -c "${JMX_LOGIN_SHELL}" nodetool "${user}" "${words[@]:1}")
  fi
  if [[ "$1" == "@ssh" ]]; then
    if [[ -n "${login}" ]]; then
      local SSH_INPUT_FLAG=-T
      fed "${login}" "machine_${runner}" "$2" "$3" "$4" "${words[@]}"
    else
      "machine_${runner}" "$2" "$3" "$4" "${words[@]}"
    fi
    return
  fi
  local context=$1 namespace=$2 pod=$3 container=$4 target
  target=$(exec_args "${pod}" "${container}")
  local -a exec_target
  mapfile -t exec_target <<<"${target}"
  if [[ -n "${login}" ]]; then
    fed "${login}" kube_with "${runner}" "${context}" "${namespace}" "${exec_target[0]}" -i "${exec_target[@]:1}" "${words[@]}"
  else
    kube_with "${runner}" "${context}" "${namespace}" "${exec_target[@]}" "${words[@]}"
  fi
}

cass_query() {
  cass_with query "$@"
}

cass_mutate() {
  cass_with mutate "$@"
}

# cqlsh next to a node: `MODE(read|change|anonymous|plaintext) NODE(4) STATEMENT
# [REQUEST_TIMEOUT_SECONDS]`; with the node's login (42-cql-login.sh) through a 0600 file on the
# node's side, never an argument, and TLS where its clients must use it (CQL_TLS: `--ssl`, with
# SSL_VALIDATE=false since cqlsh talks to its own node over loopback, where a certificate check
# guards against nothing; cqlshlib/sslhandling.py reads SSL_VALIDATE). `anonymous` reads without
# a login (what a client without one gets), `plaintext` without a login and without TLS.
cql() {
  local mode=$1 context=$2 namespace=$3 pod=$4 container=$5 statement=$6 target spec login="" key
  local -a exec_target timeout=() program=(cqlsh) tls=() environment=()
  # A request timeout in seconds (7th argument) where cqlsh's 10 s default is too short.
  if [[ -n "${7:-}" ]]; then
    timeout=(--request-timeout "$7")
  fi
  key=$(node_key "${context}" "${namespace}")
  if [[ -n "${CQL_TLS[${key}]:-}" && "${mode}" != plaintext ]]; then
    environment=(env SSL_VALIDATE=false)
    tls=(--ssl)
  fi
  spec=$(cql_login_spec "${context}" "${namespace}")
  if [[ "${mode}" == anonymous || "${mode}" == plaintext || ( "${spec}" == *" environment" && -z "${CQL_USERNAME}" ) ]]; then
    spec=""
  fi
  if [[ -n "${spec}" ]]; then
    cql_login_file login "${spec}" || return 1
    program=(sh -c "${CQL_LOGIN_SHELL}" cqlsh "--${spec%% *}")
  fi
  program=("${environment[@]}" "${program[@]}" "${tls[@]}")
  target=$(exec_args "${pod}" "${container}")
  mapfile -t exec_target <<<"${target}"
  if [[ "${mode}" == change && "${DRY_RUN}" == true ]]; then
    printf '  would run cqlsh on %s: %s\n' "${pod}" "${statement}"
    return 0
  fi
  log "cqlsh (${mode}) on ${pod}: ${statement}"
  # cqlsh prints warnings on stderr even when it succeeds (4.1+: "Warning: Using a password on
  # the command line interface can be insecure.", cqlshmain.py read_options): they go to the
  # log, never into the answer, which later steps parse or send to another cluster.
  local result status=0 errors="${STATE_DIR}/cqlsh-stderr.${BASHPID}" messages=""
  # The login goes on cqlsh's side through standard input (kubectl exec -i; ssh without -n).
  if [[ "${context}" == "@ssh" ]]; then
    result=$(fed "${login}" on_machine_fed "${namespace}" "${pod}" "${container}" "${program[@]}" "${timeout[@]}" -e "${statement}" 2>"${errors}") ||
      status=$?
  else
    result=$(fed "${login}" kubectl --context "${context}" --namespace "${namespace}" "${exec_target[0]}" -i "${exec_target[@]:1}" "${program[@]}" "${timeout[@]}" -e "${statement}" 2>"${errors}") ||
      status=$?
  fi
  if [[ -s "${errors}" ]]; then
    messages=$(<"${errors}")
    printf '%s\n' "${messages}" >>"${LOG_FILE}"
  fi
  rm -f "${errors}"
  if (( status != 0 )); then
    fail "cqlsh on ${pod} failed (exit ${status}): ${messages}${result:+ ${result}}"
    return "${status}"
  fi
  printf '%s\n' "${result}"
}

# The cluster is named NAME and its nodes agree on one schema: `NODE(4) NAME`. DescribeCluster
# prints one "<version>: [hosts]" line per schema version, and the hosts that gave no version
# (StorageProxy.describeSchemaVersions: unreachable ones) under UNREACHABLE: agreement among the
# others says nothing about those, so they fail the check by name.
expect_cluster_name() {
  local output name versions unreachable
  output=$(cass_query "$1" "$2" "$3" "$4" nodetool describecluster) || { fail "nodetool describecluster failed on $3"; return 1; }
  name=$(awk -F': ' '/^[[:space:]]*Name:/ { print $2; exit }' <<<"${output}")
  [[ "${name}" == "$5" ]] || { fail "the cluster is named '${name}', the plan says '$5'"; return 1; }
  unreachable=$(awk -F': ' '/^[[:space:]]+UNREACHABLE: \[/ { print $2; exit }' <<<"${output}")
  [[ -z "${unreachable}" ]] ||
    { fail "nodes ${unreachable} seen from $3 do not answer (nodetool describecluster lists them UNREACHABLE): start them or remove them, then resume"; return 1; }
  versions=$(grep -Ec '^[[:space:]]+[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}: \[' <<<"${output}" || true)
  [[ "${versions}" == 1 ]] || { fail "the nodes disagree on the schema (${versions} schema versions): wait, or run nodetool describecluster"; return 1; }
}

# Nodes of datacenter DC as `TOTAL UN`: `NODE(4) DC`. A row starts with the node's status (U, D,
# or ? when neither live nor unreachable) and state (N, L, J, M), as Status.java prints them.
datacenter_state() {
  local output
  output=$(cass_query "$1" "$2" "$3" "$4" nodetool status) || { fail "nodetool status failed on $3"; return 1; }
  awk -v dc="$5" '
    /^Datacenter: / { current = substr($0, 13) }
    current == dc && /^[UD?][NLJM] / { total++; if ($1 == "UN") up++ }
    END { printf "%d %d\n", total, up }' <<<"${output}"
}

expect_datacenter_up() {
  local state total up
  state=$(datacenter_state "$1" "$2" "$3" "$4" "$5") || return 1
  read -r total up <<<"${state}"
  [[ "${total}" == "$6" && "${up}" == "$6" ]] ||
    { fail "datacenter $5 shows ${up} of ${total} nodes UN; the plan expects $6, all UN"; return 1; }
}

expect_token_count() {
  # Every node of datacenter $5 owns $6 tokens. nodetool status (Status.java) prints a Tokens
  # column under vnodes, aligned under its header in every version's layout, and a Token
  # column (the token itself) when each node has one; Cassandra refuses to start a node with
  # another num_tokens than it saved, so a count that differs stops the run here, not later.
  local output wrong
  output=$(cass_query "$1" "$2" "$3" "$4" nodetool status) || { fail "nodetool status failed on $3"; return 1; }
  wrong=$(awk -v dc="$5" -v want="$6" '
    /^Datacenter: / { current = substr($0, 13); column = 0; single = 0 }
    current == dc && /^--  / {
      column = index($0, " Tokens ")
      if (column > 0) column += 1; else single = index($0, " Token ") > 0
    }
    current == dc && /^[UD?][NLJM] / {
      count = single ? 1 : ""
      if (column > 0) { split(substr($0, column), fields, " "); count = fields[1] }
      if (count != want) printf "%s (%s) ", $2, (count == "" ? "unknown" : count)
    }' <<<"${output}")
  [[ -z "${wrong}" ]] ||
    { fail "nodes of $5 own another number of tokens than num_tokens = $6: ${wrong}- if $5 is the source, set num_tokens in the plan to what its nodes run (nodetool status, Tokens) and build again; if it is the new datacenter, its pods did not get num_tokens: check CASSANDRA_NUM_TOKENS or the operator's config in the applied manifests, and resume"; return 1; }
}

expect_datacenter_load() {
  local output short
  output=$(cass_query "$1" "$2" "$3" "$4" nodetool status) || { fail "nodetool status failed on $3"; return 1; }
  # Load is "<number> <unit>" (KiB, MiB, GiB, TiB or bytes: FileUtils.stringifyFileSize), or "?"
  # when the node has not gossiped it (Status.java): unknown is named as such, never read as 0.
  # printf keeps awk from printing 1e+12.
  short=$(awk -v dc="$5" -v minimum="$6" '
    /^Datacenter: / { current = substr($0, 13) }
    current == dc && /^[UD?][NLJM] / && $3 == "?" { printf "%s (load unknown: nodetool prints ?) ", $2; next }
    current == dc && /^[UD?][NLJM] / {
      factor = 1
      if ($4 == "KiB") factor = 1024; else if ($4 == "MiB") factor = 1048576
      else if ($4 == "GiB") factor = 1073741824; else if ($4 == "TiB") factor = 1099511627776
      if ($3 * factor < minimum) printf "%s (%s %s) ", $2, $3, $4
    }' <<<"${output}")
  [[ -z "${short}" ]] ||
    { fail "nodes of $5 do not show the data the plan expects (at least $6 bytes each): ${short}- did the rebuild name its source datacenter? (a load of ? clears once the node gossips it)"; return 1; }
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
    BEGIN {
      FS = " [|] "
      # The system keyspaces by their exact names (a user keyspace may be named systemlogs).
      split("system system_schema system_auth system_distributed system_traces system_views system_virtual_schema", names, " ")
      for (i in names) system_keyspace[names[i]] = 1
    }
    NF == 2 {
      name = $1; gsub(/^ +| +$/, "", name)
      if (name == "keyspace_name" || (skip_system == "yes" && name in system_keyspace)) next
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

# Exactly RF replicas in DC under NetworkTopologyStrategy (a SimpleStrategy keyspace has no
# per-datacenter factor, so it never matches): `NODE(4) KEYSPACE DC RF`.
replication_factor_is() {
  local current factor
  current=$(replication_of "$1" "$2" "$3" "$4" "$5") || return 1
  factor=$(factor_in "${current}" "$6")
  [[ "${factor}" == "$7" ]]
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

record_pod_host_id() {
  # ANCHOR(4) LABEL: the host id a pod's Cassandra runs (nodetool info), kept in the progress
  # record, so the pod that takes its disk over can be proven to run the same node.
  local output id
  output=$(cass_query "$1" "$2" "$3" "$4" nodetool info) || { fail "nodetool info failed on $3"; return 1; }
  id=$(awk -F': ' '/^ID/ { print $2; exit }' <<<"${output}")
  [[ -n "${id}" ]] || { fail "no host id in nodetool info on $3"; return 1; }
  record_fact "host-id-$5" "${id}" || return 1
  say "  $3 is host ${id}"
}

expect_host_id() {
  local output id expected
  expected=$(recall_fact "host-id-$5") || { fail "no recorded host id for $5 (in ${RECORD_NAME} or the state dir)"; return 1; }
  output=$(cass_query "$1" "$2" "$3" "$4" nodetool info) || { fail "nodetool info failed on $3"; return 1; }
  id=$(awk -F': ' '/^ID/ { print $2; exit }' <<<"${output}")
  [[ "${id}" == "${expected}" ]] || { fail "$3 runs host ${id}, but its disk came from $5, host ${expected}"; return 1; }
}

wait_datacenter_up() {
  WAIT_SECONDS=$(( WAIT_SECONDS + $6 * NODE_START_SECONDS )) wait_until "datacenter $5 to show $6 nodes UN" expect_datacenter_up "$@"
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

# nodetool clearsnapshot on each node, which on 3.x deletes every snapshot: `CONTEXT NS POD/CONTAINER...`.
clear_snapshots() {
  local context=$1 namespace=$2 target
  shift 2
  for target in "$@"; do
    cass_mutate "${context}" "${namespace}" "${target%%/*}" "${target#*/}" nodetool clearsnapshot || return 1
  done
}

# nodetool clearsnapshot --all on each node: 4.0 and later refuse a bare clearsnapshot
# ("Specify snapshot name or --all"): `CONTEXT NS POD/CONTAINER...`.
clear_all_snapshots() {
  local context=$1 namespace=$2 target
  shift 2
  for target in "$@"; do
    cass_mutate "${context}" "${namespace}" "${target%%/*}" "${target#*/}" nodetool clearsnapshot --all || return 1
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

# extend_replication CTX NS POD CONTAINER KEYSPACE FROM NEW MAXIMUM [DC:MOST ...]: replicate
# KEYSPACE to NEW with its factor in FROM (at most MAXIMUM); nothing when NEW is already there.
# A SimpleStrategy keyspace becomes NetworkTopologyStrategy first, at its factor in FROM and in
# every other datacenter given (the other source ones, and the other new ones of a move of
# several; each at most MOST): Cassandra 4.1+ refuses a system_auth map that leaves out a
# datacenter with live nodes (NetworkTopologyStrategy.validateExpectedOptions, CASSANDRA-17478),
# and on any version a datacenter left out would lose its replicas.
extend_replication() {
  local current factor spec maximum=$8 other most share
  current=$(replication_of "$1" "$2" "$3" "$4" "$5") || return 1
  case "${current}" in
    simple:*)
      factor=${current#simple:}
      spec="$6:${factor}"
      for other in "${@:9}"; do
        most=${other#*:}
        share=${factor}
        if (( share > most )); then
          share=${most}
        fi
        spec+=",${other%%:*}:${share}"
      done
      ;;
    class:*)
      fail "keyspace $5 uses ${current#class:}; alter it to NetworkTopologyStrategy by hand first"
      return 1
      ;;
    *)
      # Already there (an earlier call's SimpleStrategy conversion named it): nothing to add.
      [[ ",${current}," != *",$7:"* ]] || return 0
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

# drop_replication CTX NS POD CONTAINER KEYSPACE DC...: KEYSPACE's replication without the DCs,
# in one ALTER. Several datacenters that have all left the ring go together: from 4.0 an ALTER
# that keeps a datacenter no node is in any more is refused ("Unrecognized strategy option"),
# so dropping them one by one would fail at the first. SOURCE: apache/cassandra
# NetworkTopologyStrategy.recognizedOptions returns Datacenters.getValidDatacenters(): the local
# datacenter and those of every endpoint in TokenMetadata.
drop_replication() {
  local current kept="" pair dropped
  local -a pairs
  current=$(replication_of "$1" "$2" "$3" "$4" "$5") || return 1
  dropped=" ${*:6} "
  IFS=',' read -r -a pairs <<<"${current}"
  for pair in "${pairs[@]}"; do
    if [[ "${dropped}" != *" ${pair%%:*} "* ]]; then
      kept+="${kept:+,}${pair}"
    fi
  done
  [[ -n "${kept}" ]] || { fail "dropping ${*:6} would leave keyspace $5 without replicas"; return 1; }
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

# Why a long nodetool call (rebuild, decommission, removenode) can return while its work goes
# on: the JMX call runs inside Cassandra, and kubectl exec's connection may close first, since
# the kubelet closes an exec stream that stays silent for its streaming-connection-idle-timeout
# (4 h by default, often 5 min on hardened nodes: kubernetes/kubernetes#66661), and some kubectl
# releases then even exit 0 (#73056). So after each such call the runbook asks the node whether
# the work still runs, whatever the exit status, and waits for it.
CUT_CALL="its connection closed first (most likely the kubelet closing an exec stream silent for its streaming-connection-idle-timeout)"

# Waits for a rebuild that goes on without its caller: `CONTEXT NS POD/CONTAINER`.
wait_rebuild_idle() {
  WAIT_SECONDS=${STREAM_WAIT_SECONDS} wait_until "the running rebuild of ${3%%/*}" rebuild_idle "$1" "$2" "$3"
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
    wait_rebuild_idle "${context}" "${namespace}" "${target}" || return 1
  fi
  local status=0
  cass_mutate "${context}" "${namespace}" "${target%%/*}" "${target#*/}" nodetool rebuild -- "${source_dc}" || status=$?
  if [[ "${DRY_RUN}" != true ]] && ! rebuild_idle "${context}" "${namespace}" "${target}" 2>>"${LOG_FILE}"; then
    say "  nodetool rebuild on ${target%%/*} returned while its rebuild still runs: ${CUT_CALL}; waiting for it, then rebuilding again, which streams only what is still missing"
    wait_rebuild_idle "${context}" "${namespace}" "${target}" || return 1
    cass_mutate "${context}" "${namespace}" "${target%%/*}" "${target#*/}" nodetool rebuild -- "${source_dc}" || return 1
  elif (( status != 0 )); then
    return "${status}"
  fi
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

# Whether the node coordinates no removal (`nodetool removenode status`: StorageService
# getRemovalStatus, "No token removals in process." or "Removing token (T). Waiting for
# replication confirmation from [...]."). Read-only.
removal_idle() {
  local output
  output=$(cass_query "$1" "$2" "$3" "$4" nodetool removenode status) || return 1
  [[ "${output}" == *"No token removals in process."* ]]
}

# Waits for a removal its coordinator goes on with: `NODE(4)`.
wait_removal_idle() {
  WAIT_SECONDS=${STREAM_WAIT_SECONDS} wait_until "the running removenode on $3" removal_idle "$1" "$2" "$3" "$4"
}

# removenode, by host id, for every node of datacenter $5 (all down) that nodetool status on
# $3 lists. A removenode an earlier run started goes on in its coordinator after its caller
# dies, and that coordinator refuses another ("This node is already processing a removal"):
# wait for it first, then read the nodes still listed.
remove_datacenter_nodes() {
  local output ids live id removal status
  removal=$(cass_query "$1" "$2" "$3" "$4" nodetool removenode status) || { fail "nodetool removenode status failed on $3"; return 1; }
  if [[ "${removal}" != *"No token removals in process."* ]]; then
    say "  a removenode an earlier run started is still running on $3: waiting for it"
    wait_removal_idle "$1" "$2" "$3" "$4" || return 1
  fi
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
    status=0
    cass_mutate "$1" "$2" "$3" "$4" nodetool removenode "${id}" || status=$?
    if [[ "${DRY_RUN}" != true ]] && ! removal_idle "$1" "$2" "$3" "$4" 2>>"${LOG_FILE}"; then
      say "  nodetool removenode ${id} returned while the removal still runs: ${CUT_CALL}; waiting for it"
      wait_removal_idle "$1" "$2" "$3" "$4" || return 1
    elif (( status != 0 )); then
      return "${status}"
    fi
  done <<<"${ids}"
}

# CQL clients connected to one node (nodetool clientstats, Cassandra 4.0+): `NODE(4)`.
client_count() {
  local output count
  output=$(cass_query "$1" "$2" "$3" "$4" nodetool clientstats) || { fail "nodetool clientstats failed on $3"; return 1; }
  count=$(awk -F': ' '/^Total connected clients:/ { print $2; exit }' <<<"${output}")
  printf '%s\n' "${count:-0}"
}

# No CQL client left on any of the nodes (nodetool clientstats: Cassandra 4.0 and later only,
# so the planner calls this only there): `CONTEXT NS POD/CONTAINER...`.
expect_no_clients() {
  local context=$1 namespace=$2 target count busy=""
  shift 2
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

# Whether the node's netstats mode is MODE (read-only, for wait_until).
node_mode_is() {
  local mode
  mode=$(node_mode "$1" "$2" "$3" "$4") || return 1
  [[ "${mode}" == "$5" ]]
}

# Waits for a node LEAVING to be DECOMMISSIONED: `NODE(4)`. Its datacenter left every
# keyspace's replication before (system_auth aside), so little streams and WAIT_SECONDS is
# ample. One still LEAVING after that has most likely failed its decommission: 3.x keeps Mode
# LEAVING then and refuses another until it restarts (StorageService.decommission's isNormal
# check); 5.0 says DECOMMISSION_FAILED instead.
wait_decommissioned() {
  wait_until "$3 to finish leaving the ring" node_mode_is "$1" "$2" "$3" "$4" DECOMMISSIONED && return 0
  fail "$3 is still not decommissioned: if nodetool netstats on it shows no Unbootstrap session, its decommission failed (its log says why); fix that, restart the node if Cassandra refuses another decommission while it is LEAVING (3.x does), then resume"
  return 1
}

# nodetool decommission on each node still in the ring, one at a time; a node whose pod is
# gone or whose nodetool does not answer is left to removenode by host id. A node LEAVING runs
# a decommission an earlier run started (the JMX call goes on inside Cassandra after its caller
# dies): wait until it has left, never start another (5.0 returns at once while one runs, 3.x
# refuses) nor removenode it (refused while it is up).
# FORCE is --force on 4.1+, where system_auth still replicates to the leaving datacenter and
# StorageService.decommission refuses without it ("Perform a forceful decommission to ignore").
decommission_nodes() {
  local context=$1 namespace=$2 force=$3 target found mode status
  shift 3
  for target in "$@"; do
    found=$(kube_query "${context}" "${namespace}" get pod "${target%%/*}" --ignore-not-found -o name) || return 1
    if [[ -z "${found}" ]]; then
      say "  ${target%%/*} is gone: its host id is removed with removenode"
      continue
    fi
    mode=$(node_mode "${context}" "${namespace}" "${target%%/*}" "${target#*/}") || mode=unreachable
    case "${mode}" in
      DECOMMISSIONED) say "  ${target%%/*} is already decommissioned" ;;
      LEAVING)
        say "  ${target%%/*} is still leaving: the decommission an earlier run started goes on inside Cassandra; waiting for it"
        wait_decommissioned "${context}" "${namespace}" "${target%%/*}" "${target#*/}" || return 1
        ;;
      NORMAL)
        say "  decommissioning ${target%%/*}"
        status=0
        if [[ "${force}" == --force ]]; then
          cass_mutate "${context}" "${namespace}" "${target%%/*}" "${target#*/}" nodetool decommission --force || status=$?
        else
          cass_mutate "${context}" "${namespace}" "${target%%/*}" "${target#*/}" nodetool decommission || status=$?
        fi
        if [[ "${DRY_RUN}" != true ]] && node_mode_is "${context}" "${namespace}" "${target%%/*}" "${target#*/}" LEAVING 2>>"${LOG_FILE}"; then
          say "  nodetool decommission on ${target%%/*} returned while it still leaves: ${CUT_CALL}; waiting for it"
          wait_decommissioned "${context}" "${namespace}" "${target%%/*}" "${target#*/}" || return 1
        elif (( status != 0 )); then
          return "${status}"
        fi
        ;;
      *) say "  ${target%%/*} is ${mode}: its host id is removed with removenode" ;;
    esac
  done
}
