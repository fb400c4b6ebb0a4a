# shellcheck shell=bash
# Runtime: options, logging, running and showing commands, waiting. Every other file builds on it.

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
# The wait for a stream that goes on without its caller (a rebuild, a removenode): hours per
# node at the plan's stream limits, so far longer than WAIT_SECONDS.
STREAM_WAIT_SECONDS="${CMPLAN_STREAM_WAIT_SECONDS:-172800}"
# What each node adds to the wait for a datacenter to come up: its pods start one at a time,
# and a large node replays its commit log and opens its SSTables before it is UN.
NODE_START_SECONDS="${CMPLAN_NODE_START_SECONDS:-300}"
# A rehearsal's self-check (cmplanc rehearse sets it on a plain first run): before each step
# runs, no later progress mark may already hold (90-runner.sh, check_later_progress_marks).
CHECK_PROGRESS_MARKS="${CMPLAN_CHECK_PROGRESS_MARKS:-no}"
# The older login interface, for nodes the plan names no login for (42-cql-login.sh).
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
    printf '%s\n' "${output}" >>"${LOG_FILE}"
  fi
  if (( status != 0 )); then
    # To standard error: a caller that captures the output (id=$(mutate ...)) would swallow
    # the tool's reason, and the person would see only that it failed.
    if [[ -n "${output}" ]]; then
      printf '%s\n' "${output}" >&2
    fi
    fail "this command failed (exit ${status}): ${shown}"
    return "${status}"
  fi
  if [[ -n "${output}" ]]; then
    printf '%s\n' "${output}"
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

# One command line a helper sends, under its `would run:` line (--dry-run).
show_command() {
  printf '      $ %s\n' "$1"
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

require_tool() {
  command -v "$1" >/dev/null 2>&1 || { fail "$1 is not installed: install it and run again"; return 1; }
}
