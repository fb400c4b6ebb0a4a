# shellcheck shell=bash
# What every library test has (sourced after the library by Tests/Library/run): a work
# directory, stub tools first on PATH, and assertions that say what they expected.

STATE_DIR="${WORK}/state"
LOG_FILE="${WORK}/log"
POLL_SECONDS=0
mkdir -p "${STATE_DIR}" "${WORK}/bin"
PATH="${WORK}/bin:${PATH}"
export CORPUS

# Writes a stub tool NAME (a bash script, its body from standard input) first on PATH.
stub() {
  { printf '#!/usr/bin/env bash\n'; cat; } >"${WORK}/bin/$1"
  chmod +x "${WORK}/bin/$1"
}

# Runs a command as a runbook's action runs it (set -e holds inside, unlike in a condition),
# in a subshell, keeping its exit status, output and errors in STATUS, OUT and ERR.
run() {
  set +e
  (
    set -e
    "$@"
  ) >"${WORK}/out" 2>"${WORK}/err"
  STATUS=$?
  set -e
  OUT=$(<"${WORK}/out")
  ERR=$(<"${WORK}/err")
}

# Stops the test when ACTUAL is not EXPECTED: `expect_equal ACTUAL EXPECTED WHAT`.
expect_equal() {
  [[ "$1" == "$2" ]] && return 0
  printf 'expected %s to be\n  [%s]\nbut it is\n  [%s]\nstdout: %s\nstderr: %s\n' "$3" "$2" "$1" "${OUT:-}" "${ERR:-}" >&2
  exit 1
}

# Stops the test when TEXT does not contain PART: `expect_contains TEXT PART WHAT`.
expect_contains() {
  [[ "$1" == *"$2"* ]] && return 0
  printf 'expected %s to contain\n  [%s]\nbut it is\n  [%s]\n' "$3" "$2" "$1" >&2
  exit 1
}

# Stops the test when TEXT contains PART: `expect_lacks TEXT PART WHAT`.
expect_lacks() {
  [[ "$1" != *"$2"* ]] && return 0
  printf 'expected %s not to contain\n  [%s]\nbut it is\n  [%s]\n' "$3" "$2" "$1" >&2
  exit 1
}
