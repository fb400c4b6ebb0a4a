# shellcheck shell=bash
# Machines over ssh: a node "@ssh USER ADDRESS OPTIONS", its service, its data disk, its host id.

# How on_machine's ssh takes standard input: -n (none) unless a caller that feeds it a login
# sets it to -T for its own call (a local of that caller).
SSH_INPUT_FLAG=-n

# Machines are reached by ssh: a target "@ssh USER ADDRESS OPTIONS" stands where
# "CONTEXT NAMESPACE POD CONTAINER" does, so every Cassandra helper works on both.
on_machine() {
  ssh_machine "${SSH_INPUT_FLAG}" "$@"
}

# The same with this shell's standard input given to the remote command (a login for cqlsh):
# only ever with a pipe in front, never inside a `while read` loop.
on_machine_fed() {
  local SSH_INPUT_FLAG=-T
  on_machine "$@"
}

# ssh to a machine: `STDIN_FLAG USER ADDRESS OPTIONS WORDS...`, STDIN_FLAG -n (ssh reads nothing
# from standard input, so a `while read` loop's list stays the loop's) or -T (no terminal; input
# forwarded).
ssh_machine() {
  local input=$1 user=$2 address=$3 options=$4 remote
  shift 4
  local -a option_words=()
  if [[ "${options}" != "-" ]]; then
    read -r -a option_words <<<"${options}"
  fi
  posix_quote remote "$@"
  ssh "${input}" -o BatchMode=yes "${option_words[@]}" "${user}@${address}" -- "${remote}"
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
    cass_mutate @ssh "${user}" "${address}" "${options}" nodetool drain
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

record_host_id() {
  local output id
  output=$(cass_query @ssh "$1" "$2" "$3" nodetool info) || { fail "nodetool info failed on $2"; return 1; }
  id=$(awk -F': ' '/^ID/ { print $2; exit }' <<<"${output}")
  [[ -n "${id}" ]] || { fail "no host id in nodetool info on $2"; return 1; }
  record_fact "host-id-$4" "${id}" || return 1
  say "  $4 ($2) is host ${id}"
}

record_filesystem() {
  # The adopted volume's PersistentVolume must name the filesystem on it: kubelet refuses to
  # mount a disk "as ext4" that already contains xfs (k8s.io/mount-utils SafeFormatAndMount),
  # and the EBS CSI driver mounts xfs, ext2, ext3 and ext4.
  local output fs
  output=$(machine_query "$1" "$2" "$3" findmnt -n -o FSTYPE --target /var/lib/cassandra) ||
    { fail "cannot read the filesystem of /var/lib/cassandra on $2 (findmnt)"; return 1; }
  fs=${output//[[:space:]]/}
  [[ "${fs}" =~ ^(ext2|ext3|ext4|xfs)$ ]] ||
    { fail "$2 keeps /var/lib/cassandra on '${fs}': the EBS CSI driver mounts xfs, ext2, ext3 or ext4 only"; return 1; }
  record_fact "fs-type-$4" "${fs}" || return 1
  say "  $4 ($2) keeps its data on ${fs}"
}

filesystems_recorded() {
  local node
  for node in "$@"; do
    fact_recorded "fs-type-${node}" || return 1
  done
}

host_ids_recorded() {
  local node
  for node in "$@"; do
    fact_recorded "host-id-${node}" || return 1
  done
}
