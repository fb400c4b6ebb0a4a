# The plan's stream_throughput, applied on the nodes that send the rebuild's streams for the
# migration, and their values before put back after it. UNIT is what nodetool takes: Mb (3.x and
# 4.0: `setstreamthroughput N`, megabits of 131072 bytes) or MiB (4.1+: `-m`, mebibytes; 4.1's
# megabit is 125000 bytes and 4.1+ may hold a fraction of one). Both limits are set: a rebuild
# from another datacenter is held to the smaller of the two.
#   getstreamthroughput:        "Current stream throughput: 200 Mb/s" ("24.0 MiB/s" with -m; "unlimited" for 0 on 4.1+)
#   getinterdcstreamthroughput: "Current inter-datacenter stream throughput: 200 Mb/s" (likewise)

# The current value of a limit, rounded to a whole UNIT (0: unlimited): `ANCHOR(4) UNIT KIND`
# with KIND stream or interdcstream.
stream_limit() {
  local text value flag=()
  [[ "$5" == MiB ]] && flag=(-m)
  text=$(cass_query "$1" "$2" "$3" "$4" nodetool "get$6throughput" "${flag[@]}") || return 1
  value=${text##*: }
  case "${value}" in
    unlimited) printf '0\n' ;;
    *" Mb/s" | *" MiB/s")
      value=${value%% *}
      [[ "${value}" =~ ^[0-9]+(\.[0-9]+)?$ ]] || { fail "unexpected nodetool get$6throughput output on $3: ${text}"; return 1; }
      LC_ALL=C printf '%.0f\n' "${value}"
      ;;
    *) fail "unexpected nodetool get$6throughput output on $3: ${text}"; return 1 ;;
  esac
}

# Records each node's limits once (the values to put back), then sets both to RATE:
# `CONTEXT NS UNIT RATE POD/CONTAINER...`.
throttle_streaming() {
  local context=$1 namespace=$2 unit=$3 rate=$4 target kind before flag=()
  shift 4
  [[ "${unit}" == MiB ]] && flag=(-m)
  for target in "$@"; do
    for kind in stream interdcstream; do
      if ! fact_recorded "${kind}-limit-before-${target%%/*}"; then
        before=$(stream_limit "${context}" "${namespace}" "${target%%/*}" "${target#*/}" "${unit}" "${kind}") || return 1
        record_fact "${kind}-limit-before-${target%%/*}" "${before}" || return 1
      fi
      cass_mutate "${context}" "${namespace}" "${target%%/*}" "${target#*/}" nodetool "set${kind}throughput" "${flag[@]}" "${rate}" || return 1
    done
  done
}

# Every node's limits are WANT, a number or `recorded` (the values recorded before), and the
# values before are recorded: `CONTEXT NS UNIT WANT POD/CONTAINER...`.
stream_limits_are() {
  local context=$1 namespace=$2 unit=$3 want=$4 target kind expected now
  shift 4
  for target in "$@"; do
    for kind in stream interdcstream; do
      expected=$(recall_fact "${kind}-limit-before-${target%%/*}") || return 1
      [[ "${want}" == recorded ]] || expected=${want}
      now=$(stream_limit "${context}" "${namespace}" "${target%%/*}" "${target#*/}" "${unit}" "${kind}") || return 1
      [[ "${now}" == "${expected}" ]] || return 1
    done
  done
}

# The limits are the plan's RATE: `CONTEXT NS UNIT RATE POD/CONTAINER...`.
streaming_throttled() {
  stream_limits_are "$@"
}

# Puts back each node's recorded limits, then records that it did: `CONTEXT NS UNIT POD/CONTAINER...`.
restore_streaming() {
  local context=$1 namespace=$2 unit=$3 target kind before flag=()
  shift 3
  [[ "${unit}" == MiB ]] && flag=(-m)
  for target in "$@"; do
    for kind in stream interdcstream; do
      before=$(recall_fact "${kind}-limit-before-${target%%/*}") ||
        { fail "no ${kind} limit was recorded for ${target%%/*}: set it back by hand (nodetool set${kind}throughput)"; return 1; }
      cass_mutate "${context}" "${namespace}" "${target%%/*}" "${target#*/}" nodetool "set${kind}throughput" "${flag[@]}" "${before}" || return 1
    done
  done
  record_fact stream-limits-restored restored
}

# The limits were put back (recorded) and are what they were: `CONTEXT NS UNIT POD/CONTAINER...`.
streaming_restored() {
  fact_recorded stream-limits-restored || return 1
  stream_limits_are "$1" "$2" "$3" recorded "${@:4}"
}
