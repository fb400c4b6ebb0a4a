# shellcheck shell=bash
# State: journal, lock, downtime window and the confirmation of destructive steps.

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
