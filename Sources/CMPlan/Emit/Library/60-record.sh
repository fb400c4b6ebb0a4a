# shellcheck shell=bash
# The progress record: what a resume must know, kept in a ConfigMap in the target cluster.

# Facts (a node rebuilt, a keyspace loaded, a host id, an operator's replicas, a
# confirmation) live in ConfigMap RECORD_NAME in the target's namespace, so a run that lost
# its state dir, or runs from another machine, still knows them; the state dir keeps a copy.
# Keys are letters, digits and underscores; values are plain words.
fact_key() {
  local fact_name=$2
  printf -v "$1" '%s' "${fact_name//[^A-Za-z0-9_]/_}"
}

record_fact() {
  local key patch
  fact_key key "$1"
  [[ "$2" =~ ^[A-Za-z0-9._:/-]+$ ]] || { fail "cannot record '$2' for $1: not a plain word"; return 1; }
  [[ "${DRY_RUN}" == false ]] || return 0
  # Parallel rebuilds or loads may race to create it: losing that race is fine.
  if ! object_exists "${RECORD_CONTEXT}" "${RECORD_NAMESPACE}" configmap "${RECORD_NAME}" &&
    ! kube_mutate "${RECORD_CONTEXT}" "${RECORD_NAMESPACE}" create configmap "${RECORD_NAME}" >/dev/null 2>&1 &&
    ! object_exists "${RECORD_CONTEXT}" "${RECORD_NAMESPACE}" configmap "${RECORD_NAME}"; then
    fail "cannot create the progress record ${RECORD_NAME} in context ${RECORD_CONTEXT} (namespace ${RECORD_NAMESPACE})"
    return 1
  fi
  printf -v patch '{"data":{"%s":"%s"}}' "${key}" "$2"
  kube_mutate "${RECORD_CONTEXT}" "${RECORD_NAMESPACE}" patch configmap "${RECORD_NAME}" --type merge -p "${patch}" >/dev/null ||
    { fail "cannot record $1 in ${RECORD_NAME} (context ${RECORD_CONTEXT})"; return 1; }
  printf '%s\n' "$2" >"${STATE_DIR}/fact-${key}"
}

# Prints a recorded fact; fails when it was never recorded.
recall_fact() {
  local key file value
  fact_key key "$1"
  file="${STATE_DIR}/fact-${key}"
  if [[ -s "${file}" ]]; then
    printf '%s\n' "$(<"${file}")"
    return 0
  fi
  value=$(kube_query "${RECORD_CONTEXT}" "${RECORD_NAMESPACE}" get configmap "${RECORD_NAME}" --ignore-not-found \
    -o "jsonpath={.data.${key}}") || return 1
  [[ -n "${value}" ]] || return 1
  printf '%s\n' "${value}"
}

fact_recorded() {
  recall_fact "$1" >/dev/null
}

# Asks the person running the runbook, and records the answer under KEY: `KEY MESSAGE`.
confirm() {
  local answer
  if [[ "${ASSUME_YES}" == true ]]; then
    say "  (--yes) $2"
  else
    printf '\n  %s\n  Type yes when done: ' "$2"
    read -r answer || { fail "no answer on standard input: run interactively or with --yes"; return 1; }
    [[ "${answer}" == yes ]] || { fail "not confirmed"; return 1; }
    log "confirmed: $2"
  fi
  record_fact "confirmed-$1" yes
}

# A confirmation was given (by any run): `KEY`.
confirmed() {
  fact_recorded "confirmed-$1"
}

# No run confirmed KEY (a premise): `KEY WHY`. A progress record that cannot be read is a
# failure, never "not confirmed": a rollback that relies on it must not guess.
not_confirmed() {
  local key value
  fact_key key "confirmed-$1"
  if [[ -s "${STATE_DIR}/fact-${key}" ]]; then
    fail "$1 was confirmed (state dir): $2"
    return 1
  fi
  value=$(kube_query "${RECORD_CONTEXT}" "${RECORD_NAMESPACE}" get configmap "${RECORD_NAME}" --ignore-not-found \
    -o "jsonpath={.data.${key}}") ||
    { fail "cannot read the progress record ${RECORD_NAME} in context ${RECORD_CONTEXT}: whether $1 was confirmed is unknown"; return 1; }
  [[ -z "${value}" ]] || { fail "$1 was confirmed (${RECORD_NAME}): $2"; return 1; }
}
