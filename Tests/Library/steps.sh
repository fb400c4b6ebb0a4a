# shellcheck shell=bash
# What a runbook defines after the library (BashEmitter.dispatchers and table): one step that
# does nothing, so the runner's functions have a table to read.

step_01_nothing_guard() {
  return 1
}

step_guard() {
  case "$1" in
    01-nothing) step_01_nothing_guard ;;
    *) die "no step $1" ;;
  esac
}

step_action() {
  :
}

step_check() {
  :
}

step_premise() {
  :
}

step_show() {
  :
}

readonly -a STEP_IDS=('01-nothing')
readonly -a STEP_PHASES=('prepare')
readonly -a STEP_PURPOSES=('nothing')
readonly -a STEP_DESTRUCTIVE=('no')
readonly -a STEP_DOWNTIME=('no')
readonly -a STEP_MANUAL=('no')
readonly -a STEP_MARKS_PROGRESS=('no')
