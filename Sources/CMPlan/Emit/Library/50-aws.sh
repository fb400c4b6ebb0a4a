# shellcheck shell=bash
# EC2 volumes and snapshots through the aws CLI (volume-adoption).

require_region() {
  query aws ec2 describe-availability-zones --region "$1" --output text >/dev/null ||
    { fail "the aws CLI cannot reach EC2 in region $1 (credentials, region)"; return 1; }
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

# Starts a tagged snapshot of a volume unless one exists (pending or completed); returns at
# once, so every volume's snapshot runs at the same time and the window waits for one, not N.
start_snapshot() {
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
}

# Waits until every node's STAGE snapshot has completed: `REGION STAGE NODE...`.
wait_snapshots() {
  local region=$1 stage=$2
  shift 2
  WAIT_SECONDS=${SNAPSHOT_WAIT_SECONDS} wait_until "the ${stage} snapshots of $* to complete" snapshots_taken "${region}" "${stage}" "$@"
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
  local context=$1 template=$2 region=$3 node=$4 id size fs text
  fs=$(recall_fact "fs-type-${node}") ||
    { fail "no filesystem recorded for ${node}: run the record-host-ids step again (--only)"; return 1; }
  fs=$(checked_value "filesystem type" "${fs}") || return 1
  id=$(tagged volumes "${region}" "${PLAN_NAME}" "${node}" adopted) || return 1
  [[ -n "${id}" && "${id}" != None ]] || { fail "no adopted volume for ${node}"; return 1; }
  size=$(query aws ec2 describe-volumes --region "${region}" --volume-ids "${id}" --query 'Volumes[0].Size' --output text) || return 1
  id=$(checked_value "volume id" "${id}") || return 1
  [[ "${size}" =~ ^[0-9]+$ ]] || { fail "unexpected size '${size}' of volume ${id}"; return 1; }
  text=$(<"${RUNBOOK_DIR}/${template}")
  text=${text//__CMPLAN_VOLUME_HANDLE__/${id}}
  text=${text//__CMPLAN_CAPACITY__/${size}Gi}
  text=${text//__CMPLAN_FS_TYPE__/${fs}}
  printf '%s\n' "${text}" | kube_mutate "${context}" - apply -f -
}
