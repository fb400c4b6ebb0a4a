# shellcheck shell=bash
# The step runner and the command line: which steps run, in which order, how a run resumes.

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

# Stops the run when a progress mark after step INDEX already holds although that step still
# has to run: a run that lost its journal here would take the step for done (find_progress).
# Only with CHECK_PROGRESS_MARKS=yes, which cmplanc rehearse sets; the guards only read.
check_later_progress_marks() {
  local later
  for (( later = $1 + 1; later < ${#STEP_IDS[@]}; later++ )); do
    [[ "${STEP_MARKS_PROGRESS[later]}" == yes && "${STEP_MANUAL[later]}" != yes ]] || continue
    if step_guard "${STEP_IDS[later]}" 2>>"${LOG_FILE}"; then
      die "progress mark ${STEP_IDS[later]} already holds before ${STEP_IDS[$1]} has run: a run that lost its journal now would take ${STEP_IDS[$1]} for done"
    fi
  done
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
    if [[ "${STEP_MANUAL[index]}" == yes ]]; then
      die "step ${id} is not safe to run: what it relies on does not hold (above). This way back is gone once a later step changed what it undoes; PLAN.md's \"Way back\" says what is left"
    fi
    die "step ${id} is not safe to run: what it relies on does not hold (above). Earlier steps must finish first; run without --from or --only, or resume from the step that makes it true"
  fi
  if [[ "${CHECK_PROGRESS_MARKS}" == yes && "${DRY_RUN}" == false ]]; then
    check_later_progress_marks "${index}"
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

cqlsh logins come from where the plan's credentials blocks say (a Secret or a cqlsh
credentials file), for other nodes from CQLSH_USERNAME and CQLSH_PASSWORD; cqlsh gets them
through a file of mode 0600 on its side, never on a command line. CMPLAN_POLL_SECONDS and
CMPLAN_WAIT_SECONDS tune waiting (default 10 and 1800), CMPLAN_SNAPSHOT_WAIT_SECONDS the wait
for one EBS snapshot (default 43200), CMPLAN_STREAM_WAIT_SECONDS the wait for a rebuild or
removenode that goes on without its caller (default 172800),
CMPLAN_NODE_START_SECONDS what each node adds to the wait for a datacenter to come up (default 300).
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
  if [[ "${DRY_RUN}" == false || "${GUARDS_REACHABLE}" == true ]]; then
    read_cql_logins
  fi
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
