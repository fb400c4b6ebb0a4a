# shellcheck shell=bash
# snapshot-load: schema copy, stopping clients, snapshots, sstableloader and row counts.

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

declare -a CQL_STATEMENTS=()

# Splits CQL text (standard input) into its statements, in CQL_STATEMENTS: a statement ends at
# a line ending in ";" outside a '...' string and outside a $$...$$ function body (DESCRIBE
# prints a function's body raw between $$, and a Java body has lines ending in ";"). A doubled
# quote inside a string toggles twice, so it needs no case of its own.
split_cql_statements() {
  local line statement="" quoted=0 dollar=0 index
  CQL_STATEMENTS=()
  while IFS= read -r line || [[ -n "${line}" ]]; do
    [[ -n "${statement}" || -n "${line//[[:space:]]/}" ]] || continue
    statement+="${line}"$'\n'
    if [[ "${line}" == *[\'\$]* ]]; then
      for (( index = 0; index < ${#line}; index++ )); do
        if (( dollar )); then
          if [[ "${line:index:2}" == '$$' ]]; then dollar=0; index=$(( index + 1 )); fi
        elif (( quoted )); then
          if [[ "${line:index:1}" == "'" ]]; then quoted=0; fi
        elif [[ "${line:index:2}" == '$$' ]]; then
          dollar=1
          index=$(( index + 1 ))
        elif [[ "${line:index:1}" == "'" ]]; then
          quoted=1
        fi
      done
    fi
    (( quoted == 0 && dollar == 0 )) || continue
    [[ "${line}" =~ \;[[:space:]]*$ ]] || continue
    CQL_STATEMENTS+=("${statement%$'\n'}")
    statement=""
  done
  if [[ -n "${statement//[[:space:]]/}" ]]; then
    CQL_STATEMENTS+=("${statement%$'\n'}")
  fi
}

# DESCRIBE KEYSPACE on the source, applied statement by statement on the target: the
# keyspace with the target's replication, everything else with IF NOT EXISTS (re-runnable).
# DESCRIBE marks what it cannot recreate in CQL with a /* Warning ... */ block (3.x: a table
# made through Thrift; 4.0+: virtual tables): that stops the copy, as its data could not load.
copy_schema() {
  local keyspace=$9 spec=${10} schema map statement
  schema=$(cql read "$1" "$2" "$3" "$4" "DESCRIBE KEYSPACE \"${keyspace}\";") || { fail "DESCRIBE KEYSPACE ${keyspace} failed on $3"; return 1; }
  split_cql_statements <<<"${schema}"
  for statement in "${CQL_STATEMENTS[@]}"; do
    if [[ "${statement}" == "/*"* ]]; then
      fail "DESCRIBE KEYSPACE ${keyspace} on $3 says part of it cannot be recreated with CQL: ${statement:0:200}"
      fail "create that table on the target by hand (cqlsh on ${7}), then resume"
      return 1
    fi
  done
  map=$(replication_map "${spec}")
  cql change "$5" "$6" "$7" "$8" "CREATE KEYSPACE IF NOT EXISTS \"${keyspace}\" WITH replication = ${map};" || return 1
  for statement in "${CQL_STATEMENTS[@]}"; do
    [[ "${statement}" != "CREATE KEYSPACE "* ]] || continue
    if [[ "${statement%%$'\n'*}" != *" IF NOT EXISTS "* ]]; then
      statement=$(sed -E '1s/^CREATE (TABLE|TYPE|INDEX|CUSTOM INDEX|MATERIALIZED VIEW|FUNCTION|AGGREGATE) /CREATE \1 IF NOT EXISTS /' <<<"${statement}")
    fi
    cql change "$5" "$6" "$7" "$8" "${statement}" >/dev/null || return 1
  done
}

# Clients on one node must be gone (nodetool clientstats, 4.0 and later), then native transport
# is disabled, so nothing written after the snapshot can be accepted and lost: `NODE(4)`.
stop_client_traffic() {
  local count
  count=$(client_count "$1" "$2" "$3" "$4") || return 1
  [[ "${count}" == 0 ]] ||
    { fail "${count} client connection(s) still open on $3 (nodetool clientstats names them): stop those clients, then resume"; return 1; }
  cass_mutate "$1" "$2" "$3" "$4" nodetool disablebinary || return 1
}

# Cassandra 3.x, which has no nodetool clientstats and still serves Thrift: native transport
# and Thrift disabled on one node: `NODE(4)`.
stop_native_and_thrift() {
  cass_mutate "$1" "$2" "$3" "$4" nodetool disablebinary || return 1
  cass_mutate "$1" "$2" "$3" "$4" nodetool disablethrift || return 1
}

# The rollback's undoing of the freeze on one node: native transport on again and, where the
# freeze turned Thrift off too (Cassandra 3.x), Thrift: `NODE(4) THRIFT` (THRIFT yes or no).
reopen_client_traffic() {
  cass_mutate "$1" "$2" "$3" "$4" nodetool enablebinary || return 1
  if [[ "$5" == yes ]]; then
    cass_mutate "$1" "$2" "$3" "$4" nodetool enablethrift || return 1
  fi
}

# Native transport runs on a node (nodetool statusbinary prints `running` or `not running`,
# StatusBinary.java): `NODE(4)`.
client_traffic_open() {
  local output
  output=$(cass_query "$1" "$2" "$3" "$4" nodetool statusbinary) || return 1
  [[ "${output}" == running ]]
}

client_traffic_stopped() {
  local output
  output=$(cass_query "$1" "$2" "$3" "$4" nodetool statusbinary) || return 1
  [[ "${output}" == *"not running"* ]] || { fail "native transport still runs on $3"; return 1; }
}

# The node holds snapshot TAG: `NODE(4) TAG`. Read from the disk (data/KEYSPACE/TABLE/snapshots/TAG),
# not from nodetool listsnapshots, whose 3.0 format (printf "%-20s%-29s...", ListSnapshots.java)
# runs a tag of 20 characters or more into the keyspace name. Exit 1: not held; 2: cannot tell.
node_has_snapshot() {
  local found
  found=$(cass_query "$1" "$2" "$3" "$4" find /var/lib/cassandra/data -mindepth 4 -maxdepth 4 -type d -path "*/snapshots/$5" -print -quit) ||
    { fail "cannot look for snapshot $5 on $3"; return 2; }
  [[ -n "${found}" ]]
}

snapshot_node() {
  if node_has_snapshot "$@" 2>/dev/null; then
    say "  $3 already has snapshot $5"
    return 0
  fi
  cass_mutate "$1" "$2" "$3" "$4" nodetool flush || return 1
  cass_mutate "$1" "$2" "$3" "$4" nodetool snapshot -t "$5" || return 1
}

# Snapshot TAG is gone from the node (a node that does not answer is not "cleared").
snapshot_cleared() {
  local status=0
  node_has_snapshot "$@" 2>/dev/null || status=$?
  (( status == 1 ))
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
  local tag=$5 mbits=$6 keyspace directories directory table staging status
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
      status=0
      cass_mutate "$1" "$2" "$3" "$4" sstableloader --no-progress -d "${LOAD_HOSTS}" -t "${mbits}" "${staging}" || status=$?
      if [[ "${DRY_RUN}" != true ]] && (( status != 0 )) && ! loader_idle "$1" "$2" "$3" "$4" "${staging}"; then
        # Its ssh or kubectl connection closed first (an idle stream, a NAT's idle timeout): its
        # exit status is lost, so the table is loaded again once it ends (the same rows
        # overwrite themselves; the bytes cross the network again).
        say "  sstableloader of ${staging} on $3 returned while it still runs (its connection closed first): waiting for it, then loading the table again"
        WAIT_SECONDS=${SNAPSHOT_WAIT_SECONDS} wait_until "the running sstableloader on $3" loader_idle "$1" "$2" "$3" "$4" "${staging}" || return 1
        cass_mutate "$1" "$2" "$3" "$4" sstableloader --no-progress -d "${LOAD_HOSTS}" -t "${mbits}" "${staging}" || return 1
      elif (( status != 0 )); then
        return "${status}"
      fi
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

# Rows of one table: `NODE(4) KEYSPACE TABLE TIMEOUT_SECONDS`. COUNT(*) reads the whole table
# in one client request, so cqlsh gets a request timeout sized to the table (its default is
# 10 s: DEFAULT_REQUEST_TIMEOUT_SECONDS in cqlsh).
row_count() {
  local output
  output=$(cql read "$1" "$2" "$3" "$4" "SELECT COUNT(*) FROM \"$5\".\"$6\";" "$7") || return 1
  awk 'found && NF == 1 { print $1; exit } /^-+$/ { found = 1 }' <<<"${output}"
}

# The first table of a keyspace has as many rows on the target as on the source (a sample:
# COUNT(*) reads every partition, so one table per keyspace).
expect_same_rows() {
  local keyspace=$9 count_seconds=${10} table source_rows target_rows
  table=$(table_names "$1" "$2" "$3" "$4" "${keyspace}" | head -n 1) || return 1
  [[ -n "${table}" ]] || { say "  ${keyspace} has no tables"; return 0; }
  source_rows=$(row_count "$1" "$2" "$3" "$4" "${keyspace}" "${table}" "${count_seconds}") || { fail "cannot count ${keyspace}.${table} on the source"; return 1; }
  target_rows=$(row_count "$5" "$6" "$7" "$8" "${keyspace}" "${table}" "${count_seconds}") || { fail "cannot count ${keyspace}.${table} on the target"; return 1; }
  [[ "${source_rows}" == "${target_rows}" ]] ||
    { fail "${keyspace}.${table} has ${source_rows} rows on the source and ${target_rows} on the target: the load is incomplete; do not switch the clients"
      fail "to load again: remove the loaded_* keys from ConfigMap ${RECORD_NAME} (kubectl --context ${RECORD_CONTEXT} --namespace ${RECORD_NAMESPACE} edit configmap ${RECORD_NAME}) and rm ${STATE_DIR}/fact-loaded_*, then resume with --from the load-snapshots step (sstableloader overwrites what is already there)"
      return 1; }
  say "  ${keyspace}.${table}: ${target_rows} rows on both sides"
}
