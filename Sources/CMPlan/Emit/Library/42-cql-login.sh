# shellcheck shell=bash
# cqlsh logins. A cluster with PasswordAuthenticator names in the plan where its login lives (a
# Kubernetes Secret with keys username and password, or a cqlsh credentials file on this
# machine); the header's CQL_LOGINS maps each node's CONTEXT/NAMESPACE (or @ssh) to
# "FLAVOUR secret CONTEXT NAMESPACE NAME" or "FLAVOUR file PATH". The runbook reads each login
# when it starts (read_cql_logins) and hands it to cqlsh through a file of mode 0600 that a shell
# next to the node makes for the one call and removes after it: never on a command line, in the
# log or in the state dir. FLAVOUR is how cqlsh takes that file: `credentials` (4.1 and later:
# --credentials, a [PlainTextAuthProvider] section, which cqlsh ignores unless the file is its
# user's and unreadable by others: cqlshlib/util.py is_file_secure) or `cqlshrc` (3.x and 4.0:
# --cqlshrc, an [authentication] section; 4.1 still reads it but calls it deprecated).
# SOURCE: apache/cassandra bin/cqlsh.py (3.x: --cqlshrc, read_options' [authentication]
# username/password) and pylib/cqlshlib/cqlshmain.py + authproviderhandling.py (4.1+:
# --credentials, get_cred_file_settings without interpolation).
# CQLSH_USERNAME and CQLSH_PASSWORD, this runbook's older interface, still give a login to the
# nodes the plan names none for, through the same file.

declare -A CQL_LOGIN_USER=() CQL_LOGIN_PASSWORD=()

# The shells that run a tool next to the node with its login in a file: POSIX sh only (the
# pod's or the machine's), the login on standard input, the file gone when the tool ends or the
# shell is signalled. cqlsh: $0 is cqlsh, $1 its file flag, the rest its arguments. nodetool: $0
# is nodetool, $1 the JMX user, the rest its arguments; the file is `USER PASSWORD`, as -pwf
# reads it (NodeTool.readUserPasswordFromFile: whitespace-separated words, the one after USER).
# shellcheck disable=SC2016
readonly LOGIN_FILE_SHELL='umask 077; f=$(mktemp) || exit 1; trap '\''rm -f "$f" "$f.own"'\'' EXIT; trap '\''rm -f "$f" "$f.own"; exit 1'\'' HUP INT TERM; cat >"$f" || exit 1; '
# --cqlshrc replaces the node's own ~/.cassandra/cqlshrc, which may hold its [connection] and
# [ssl] settings (client TLS): the file starts with that one, its [authentication] section left
# out (Python 3's configparser refuses a section twice), and the login's section follows.
# With --credentials (4.1+) cqlsh still reads the node's cqlshrc, and its [authentication]
# username and password override the credentials file (authproviderhandling.load_auth_provider
# merges provider settings, then the credentials file's, then these "legacy" ones), while an
# [auth_provider] section can name another provider class whose section our file lacks: so
# cqlsh gets, with --cqlshrc, a copy of the node's file without those two sections.
# shellcheck disable=SC2016
readonly CQL_LOGIN_SHELL="${LOGIN_FILE_SHELL}"'flag=$1; shift; rc=""; if [ -f "$HOME/.cassandra/cqlshrc" ]; then if [ "$flag" = --cqlshrc ]; then awk '\''/^[[:space:]]*\[/ { skip = ($0 ~ /^[[:space:]]*\[authentication\]/) } !skip'\'' "$HOME/.cassandra/cqlshrc" >"$f.own" && cat "$f" >>"$f.own" && cat "$f.own" >"$f"; rm -f "$f.own"; else awk '\''/^[[:space:]]*\[/ { skip = ($0 ~ /^[[:space:]]*\[(authentication|auth_provider)\]/) } !skip'\'' "$HOME/.cassandra/cqlshrc" >"$f.own" || exit 1; rc="$f.own"; fi; fi; if [ -n "$rc" ]; then "$0" --cqlshrc "$rc" "$flag" "$f" "$@"; else "$0" "$flag" "$f" "$@"; fi'
# shellcheck disable=SC2016
readonly JMX_LOGIN_SHELL="${LOGIN_FILE_SHELL}"'user=$1; shift; "$0" -u "$user" -pwf "$f" "$@"'

# Runs COMMAND with TEXT on its standard input through a pipe, never a file: `TEXT COMMAND...`.
# printf is a builtin (no process has TEXT among its arguments); a command that ends without
# reading leaves it EPIPE, not a SIGPIPE that would fail the pipeline.
fed() {
  local text=$1
  shift
  { trap '' PIPE; printf '%s' "${text}" 2>/dev/null || true; } | "$@"
}

# The key the header's tables (CQL_LOGINS, JMX_LOGINS, CQL_TLS) give the nodes at CONTEXT
# NAMESPACE: `CONTEXT/NAMESPACE`, or `@ssh` for machines.
node_key() {
  if [[ "$1" == "@ssh" ]]; then
    printf '@ssh'
  else
    printf '%s/%s' "$1" "$2"
  fi
}

# The login spec of the node at CONTEXT NAMESPACE (machines: @ssh), or nothing.
cql_login_spec() {
  local key
  key=$(node_key "$1" "$2")
  printf '%s' "${CQL_LOGINS[${key}]:-}"
}

# The JMX login spec of the node at CONTEXT NAMESPACE, or nothing (the plan's `jmx = true`).
jmx_login_spec() {
  local key
  key=$(node_key "$1" "$2")
  printf '%s' "${JMX_LOGINS[${key}]:-}"
}

# The login SPEC names is read (at start, or now): `SPEC`.
ensure_cql_login() {
  [[ -n "${CQL_LOGIN_USER[$1]+set}" ]] || read_cql_login "$1"
}

# The `USER PASSWORD` line nodetool -pwf reads for SPEC, into the variable named VAR, and the
# user into VAR_USER: `VAR USER_VAR SPEC`. -pwf splits its file at whitespace, so a password
# with a blank cannot be given that way, and never goes on a command line instead.
jmx_login_file() {
  local spec=$3
  ensure_cql_login "${spec}" || return 1
  [[ "${CQL_LOGIN_USER[${spec}]}${CQL_LOGIN_PASSWORD[${spec}]}" != *[[:space:]]* ]] ||
    { fail "the JMX login holds a blank, which nodetool -pwf cannot read (it splits its file at whitespace): give the JMX role a password without blanks, or set jmx = false if JMX needs no login"; return 1; }
  printf -v "$1" '%s %s\n' "${CQL_LOGIN_USER[${spec}]}" "${CQL_LOGIN_PASSWORD[${spec}]}"
  printf -v "$2" '%s' "${CQL_LOGIN_USER[${spec}]}"
}

# KEY's value under [PlainTextAuthProvider] in a cqlsh credentials file, as Python's
# configparser reads it (KEY = VALUE or KEY: VALUE, blanks around the value dropped): `KEY PATH`.
credentials_value() {
  awk -v want="$1" '
    /^[[:space:]]*\[/ { section = $0; gsub(/[][[:space:]]/, "", section); next }
    section == "PlainTextAuthProvider" && match($0, /^[[:space:]]*[A-Za-z_]+[[:space:]]*[=:]/) {
      key = substr($0, 1, RLENGTH - 1); gsub(/[[:space:]]/, "", key)
      if (key == want) { value = substr($0, RLENGTH + 1); sub(/^[[:space:]]+/, "", value); sub(/[[:space:]]+$/, "", value); print value; exit }
    }' "$2"
}

# Reads the login SPEC names into CQL_LOGIN_USER and CQL_LOGIN_PASSWORD: `SPEC`.
read_cql_login() {
  local spec=$1 flavour kind rest user="" password=""
  read -r flavour kind rest <<<"${spec}"
  : "${flavour}"
  case "${kind}" in
    secret)
      local context namespace name
      read -r context namespace name <<<"${rest}"
      local encoded_user encoded_password
      if ! encoded_user=$(kube_query "${context}" "${namespace}" get secret "${name}" -o 'jsonpath={.data.username}') ||
        ! encoded_password=$(kube_query "${context}" "${namespace}" get secret "${name}" -o 'jsonpath={.data.password}'); then
        fail "cannot read the Secret ${name} in context ${context}, namespace ${namespace} (the cqlsh login the plan names): create it with keys username and password, then resume"
        return 1
      fi
      [[ -n "${encoded_user}" && -n "${encoded_password}" ]] ||
        { fail "the Secret ${name} in context ${context}, namespace ${namespace} lacks the key username or password: add both, then resume"; return 1; }
      if ! user=$(base64 -d <<<"${encoded_user}") || ! password=$(base64 -d <<<"${encoded_password}"); then
        fail "the Secret ${name} in context ${context} holds a username or password that is not base64"
        return 1
      fi
      ;;
    file)
      local path=${rest} mode
      # A path the plan writes as ~/... is in the home of whoever runs the runbook.
      # shellcheck disable=SC2088
      [[ "${path}" == "~/"* ]] && path="${HOME}/${path#"~/"}"
      [[ -f "${path}" && -r "${path}" ]] ||
        { fail "cannot read the cqlsh credentials file ${path} the plan names: create it ([PlainTextAuthProvider] with username and password, mode 0600), then resume"; return 1; }
      mode=$(ls -ld -- "${path}")
      # cqlsh's own rule for its credentials file: its user's, readable by nobody else.
      [[ -O "${path}" && "${mode:4:1}" == "-" && "${mode:7:1}" == "-" ]] ||
        { fail "the credentials file ${path} is readable by others or not yours (${mode%% *}): chmod 600 it, then resume"; return 1; }
      user=$(credentials_value username "${path}")
      password=$(credentials_value password "${path}")
      [[ -n "${user}" && -n "${password}" ]] ||
        { fail "the credentials file ${path} has no username and password under [PlainTextAuthProvider]"; return 1; }
      ;;
    environment)
      user=${CQL_USERNAME} password=${CQL_PASSWORD}
      ;;
    *)
      fail "unknown login source '${kind}' in CQL_LOGINS"
      return 1
      ;;
  esac
  [[ "${user}${password}" != *$'\n'* ]] || { fail "the cqlsh login of ${kind} ${rest} spans several lines, which no cqlsh file can hold"; return 1; }
  CQL_LOGIN_USER[${spec}]=${user}
  CQL_LOGIN_PASSWORD[${spec}]=${password}
}

# Reads every login the plan names, before the first step, so the steps' subshells inherit
# them. One that cannot be read yet is read again where it is used, and fails there by name.
read_cql_logins() {
  local spec
  for spec in "${CQL_LOGINS[@]}"; do
    [[ -n "${CQL_LOGIN_USER[${spec}]+set}" ]] && continue
    read_cql_login "${spec}" 2>/dev/null || log "the cqlsh login ${spec%% *} (${spec#* }) could not be read yet; it is read again where it is used"
  done
}

# The text of the file cqlsh reads for SPEC, into the variable named VAR: `VAR SPEC`.
cql_login_file() {
  local spec=$2 flavour section
  ensure_cql_login "${spec}" || return 1
  flavour=${spec%% *}
  section=authentication
  [[ "${flavour}" == credentials ]] && section=PlainTextAuthProvider
  printf -v "$1" '[%s]\nusername = %s\npassword = %s\n' "${section}" "${CQL_LOGIN_USER[${spec}]}" "${CQL_LOGIN_PASSWORD[${spec}]}"
}

# The node authenticates and authorizes as the plan says its cluster does: `NODE(4) login|none
# AUTHORIZER`. A client without a login is turned away (the python driver's "Remote end requires
# authentication") exactly when the plan names one; with one, LIST PERMISSIONS answers unless the
# node runs AllowAllAuthorizer ("LIST PERMISSIONS operation is not supported by
# AllowAllAuthorizer", AllowAllAuthorizer.list). New nodes must match the source's: one without
# authentication would let anyone read everything through it.
expect_authentication() {
  local answer status=0 spec user
  answer=$(cql anonymous "$1" "$2" "$3" "$4" "SELECT release_version FROM system.local;" 2>&1) || status=$?
  if [[ "$5" == login ]]; then
    if (( status == 0 )); then
      fail "$3 answers cqlsh without a login (AllowAllAuthenticator), while the plan says its cluster requires one: set authenticator: PasswordAuthenticator on it (for a new node: in the manifests), then resume"
      return 1
    fi
    [[ "${answer}" == *"AuthenticationFailed"* ]] ||
      { fail "cannot tell whether $3 requires a login: ${answer}"; return 1; }
    spec=$(cql_login_spec "$1" "$2")
    [[ -n "${spec}" ]] || { fail "no login is known for $3 (CQL_LOGINS)"; return 1; }
    ensure_cql_login "${spec}" || return 1
    user=${CQL_LOGIN_USER[${spec}]}
    status=0
    answer=$(cql read "$1" "$2" "$3" "$4" "LIST ALL PERMISSIONS OF '${user//\'/\'\'}' NORECURSIVE;" 2>&1) || status=$?
    if (( status == 0 )) && [[ "$6" == AllowAllAuthorizer ]]; then
      fail "$3 lists permissions, so it runs an authorizer that enforces grants, while the plan says AllowAllAuthorizer: correct the plan's authorizer, or the node's, then resume"
      return 1
    fi
    if (( status != 0 )); then
      if [[ "${answer}" == *"not supported by AllowAllAuthorizer"* ]]; then
        [[ "$6" == AllowAllAuthorizer ]] ||
          { fail "$3 runs AllowAllAuthorizer (every role may do everything), while the plan says $6: set authorizer: $6 on it (for a new node: in the manifests), or correct the plan, then resume"; return 1; }
      else
        fail "cannot read $3's authorizer (LIST PERMISSIONS): ${answer}"
        return 1
      fi
    fi
  else
    if (( status != 0 )); then
      if [[ "${answer}" == *"AuthenticationFailed"* ]]; then
        fail "$3 requires a login (PasswordAuthenticator), but the plan names none: add a credentials block to the source cluster (a Secret or a cqlsh credentials file, and its authorizer) and build again; a login from CQLSH_USERNAME alone would leave the new nodes without authentication"
      else
        fail "cqlsh without a login failed on $3: ${answer}"
      fi
      return 1
    fi
  fi
}

# Applies the login of the nodes at CONTEXT NS as the Secret NAME there (keys username and
# password, labelled as this plan's), from standard input: `CONTEXT NS NAME`. base64 reads the
# values on its input; no process has them among its arguments.
apply_login_secret() {
  local spec user password manifest
  spec=$(cql_login_spec "$1" "$2")
  [[ -n "${spec}" && "${spec}" != *" environment" ]] || { fail "no login from the plan is known for $1/$2 (CQL_LOGINS)"; return 1; }
  ensure_cql_login "${spec}" || return 1
  user=$(fed "${CQL_LOGIN_USER[${spec}]}" base64 | tr -d '\n')
  password=$(fed "${CQL_LOGIN_PASSWORD[${spec}]}" base64 | tr -d '\n')
  printf -v manifest 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: %s\n  namespace: %s\n  labels:\n    app.kubernetes.io/managed-by: cmplanc\n    app.kubernetes.io/part-of: %s\ntype: Opaque\ndata:\n  username: %s\n  password: %s\n' \
    "$3" "$2" "${PLAN_NAME}" "${user}" "${password}"
  fed "${manifest}" kube_mutate "$1" "$2" apply -f -
}

# The node's clients must use TLS (`required`) or may not need it (`none`), as the plan says:
# `NODE(4) required|none`. cqlsh without TLS and without a login either reaches the node (it
# answers, or asks for a login) or is cut off.
expect_client_tls() {
  local answer status=0
  answer=$(cql plaintext "$1" "$2" "$3" "$4" "SELECT release_version FROM system.local;" 2>&1) || status=$?
  if (( status == 0 )) || [[ "${answer}" == *"AuthenticationFailed"* ]]; then
    [[ "$5" == none ]] ||
      { fail "$3 accepts clients without TLS, while the plan says its clients must use it: set client_encryption_options (enabled: true, optional: false) on it (for a new node: in the manifests), or correct the plan, then resume"; return 1; }
    return 0
  fi
  [[ "$5" == required ]] ||
    { fail "cqlsh without TLS cannot reach $3 (${answer}): if its clients must use TLS, say so in the plan (tls { client = true ... }) and build again"; return 1; }
}

# The Secret NAME exists in CONTEXT NS with every KEY (the keystores new nodes mount): `CONTEXT
# NS NAME KEY...`. kubectl prints the data map as JSON (values base64); awk keeps only the key
# names, and nothing of it is logged or printed.
expect_secret_keys() {
  local context=$1 namespace=$2 name=$3 keys key
  shift 3
  keys=$(kube_query "${context}" "${namespace}" get secret "${name}" -o 'jsonpath={.data}' | awk '{ gsub(/[{}"]/, ""); n = split($0, pairs, ","); for (i = 1; i <= n; i++) { split(pairs[i], kv, ":"); print kv[1] } }') || keys=""
  [[ -n "${keys}" ]] ||
    { fail "cannot read the Secret ${name} in context ${context}, namespace ${namespace} (see ${LOG_FILE}): create it there with ${*} (the keystores and passwords the source's nodes use), then resume"; return 1; }
  for key in "$@"; do
    grep -Fxq -- "${key}" <<<"${keys}" || { fail "the Secret ${name} in context ${context}, namespace ${namespace} lacks the key ${key}"; return 1; }
  done
}
