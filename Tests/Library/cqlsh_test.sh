# shellcheck shell=bash
# cqlsh as 40-cassandra.sh and 70-snapshot-load.sh call it, against what the real cqlsh prints
# (Tests/Fixtures/real/cqlsh).

# A stub kubectl running "cqlsh": stderr gets a warning 4.1+ cqlsh prints (the password one,
# from the corpus), stdout the lines in ${WORK}/cqlsh-answer; every call's arguments go to
# ${WORK}/cqlsh-calls and its standard input to ${WORK}/cqlsh-input.
cqlsh_stub() {
  cat <<'STUB' | stub kubectl
printf '%s\n' "$*" >>"${WORK}/cqlsh-calls"
cat >>"${WORK}/cqlsh-input"
cat "${CORPUS}/cqlsh/stderr/4.1-password-warning.txt" >&2
cat "${WORK}/cqlsh-answer"
STUB
}

test_the_password_warning_stays_out_of_what_cqlsh_answers() {
  cqlsh_stub
  export WORK
  printf '%s\n' "CREATE KEYSPACE app WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': '3'}  AND durable_writes = true;" >"${WORK}/cqlsh-answer"
  CQL_USERNAME=cassandra CQL_PASSWORD=secret
  CQL_LOGINS[ctx/ns]='credentials environment'
  run cql read ctx ns cassandra-0 cassandra "DESCRIBE KEYSPACE app;"
  expect_equal "${STATUS}" 0 "cql's status"
  expect_equal "${OUT}" "$(<"${WORK}/cqlsh-answer")" "what cql read returns"
}

# The login reaches cqlsh on its standard input (kubectl exec -i), in the file format its
# version reads, and never among any command's arguments.
test_a_login_goes_to_cqlsh_on_its_input_never_its_arguments() {
  cqlsh_stub
  export WORK
  : >"${WORK}/cqlsh-answer"
  CQL_USERNAME=admin CQL_PASSWORD="p 'w' \$x%"
  CQL_LOGINS[ctx/ns]='credentials environment'
  run cql read ctx ns cassandra-0 cassandra "SELECT now() FROM system.local;"
  expect_equal "${STATUS}" 0 "cql's status"
  expect_lacks "$(<"${WORK}/cqlsh-calls")" "${CQL_PASSWORD}" "kubectl's arguments"
  expect_contains "$(<"${WORK}/cqlsh-calls")" "exec -i cassandra-0 --container cassandra -- sh -c" "the exec"
  expect_contains "$(<"${WORK}/cqlsh-calls")" "cqlsh --credentials -e SELECT now()" "cqlsh's arguments"
  expect_equal "$(<"${WORK}/cqlsh-input")" $'[PlainTextAuthProvider]\nusername = admin\npassword = '"${CQL_PASSWORD}" "cqlsh's input"
  expect_lacks "$(<"${LOG_FILE}")" "${CQL_PASSWORD}" "the log"
}

# The shell that hands the login over, run by the real dash and bash: cqlsh gets a file of mode
# 0600 holding exactly its input, and the file is gone when cqlsh ends, failed or not.
test_the_login_shell_gives_cqlsh_a_private_file_and_removes_it() {
  local shell
  mkdir -p "${WORK}/fake" "${WORK}/tmp"
  cat >"${WORK}/fake/cqlsh" <<'FAKE'
#!/bin/sh
printf '%s|' "$@" >"$TMPDIR/../seen-args"
ls -l "$2" | cut -c1-10 >"$TMPDIR/../seen-mode"
cat "$2" >"$TMPDIR/../seen-text"
exit 3
FAKE
  chmod +x "${WORK}/fake/cqlsh"
  for shell in dash "bash --posix"; do
    rm -f "${WORK}"/seen-*
    local status=0
    # shellcheck disable=SC2086
    printf 'the login' | PATH="${WORK}/fake:/usr/bin:/bin" TMPDIR="${WORK}/tmp" ${shell} -c "${CQL_LOGIN_SHELL}" cqlsh --cqlshrc -e 'SELECT 1;' || status=$?
    expect_equal "${status}" 3 "${shell}: the status cqlsh ended with"
    expect_equal "$(<"${WORK}/seen-mode")" "-rw-------" "${shell}: the mode of the file cqlsh read"
    expect_equal "$(<"${WORK}/seen-text")" "the login" "${shell}: the file's text"
    expect_contains "$(<"${WORK}/seen-args")" "--cqlshrc|${WORK}/tmp/" "${shell}: cqlsh's arguments"
    expect_contains "$(<"${WORK}/seen-args")" "|-e|SELECT 1;|" "${shell}: cqlsh's arguments"
    expect_equal "$(find "${WORK}/tmp" -type f | wc -l)" 0 "${shell}: files left in the temporary directory"
  done
}

test_a_credentials_file_others_can_read_is_refused() {
  printf '[PlainTextAuthProvider]\nusername = admin\npassword = secret\n' >"${WORK}/credentials"
  chmod 644 "${WORK}/credentials"
  run read_cql_login "credentials file ${WORK}/credentials"
  expect_equal "${STATUS}" 1 "read_cql_login's status"
  expect_contains "${ERR}" "chmod 600" "the message"
}

# Values as Python's configparser reads them: `key = value` or `key: value`, blanks around the
# value dropped, other sections ignored; ~/ is the runbook user's home.
test_a_credentials_file_is_read_as_cqlsh_reads_it() {
  printf '[auth_provider]\nusername = not-this\n[PlainTextAuthProvider]\nusername: admin\npassword =  p=ss word  \n' >"${WORK}/credentials"
  chmod 600 "${WORK}/credentials"
  HOME=${WORK}
  read_cql_login "credentials file ~/credentials"
  expect_equal "${CQL_LOGIN_USER['credentials file ~/credentials']}" admin "the username"
  expect_equal "${CQL_LOGIN_PASSWORD['credentials file ~/credentials']}" "p=ss word" "the password"
}

test_a_secret_without_a_password_is_named() {
  cat <<'STUB' | stub kubectl
[[ "$*" == *'{.data.username}'* ]] && printf 'YWRtaW4='
exit 0
STUB
  run read_cql_login "cqlshrc secret ctx ns superuser"
  expect_equal "${STATUS}" 1 "read_cql_login's status"
  expect_contains "${ERR}" "the Secret superuser in context ctx, namespace ns lacks the key username or password" "the message"
}

test_a_secret_login_is_decoded() {
  cat <<'STUB' | stub kubectl
[[ "$*" == *'{.data.username}'* ]] && printf 'YWRtaW4='
[[ "$*" == *'{.data.password}'* ]] && printf 'cyBlIGMgcg=='
exit 0
STUB
  read_cql_login "cqlshrc secret ctx ns superuser"
  expect_equal "${CQL_LOGIN_USER['cqlshrc secret ctx ns superuser']}" admin "the username"
  expect_equal "${CQL_LOGIN_PASSWORD['cqlshrc secret ctx ns superuser']}" "s e c r" "the password"
}

test_copy_schema_sends_no_warning_to_the_target() {
  cqlsh_stub
  export WORK
  printf '%s\n' "CREATE KEYSPACE app WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': '3'}  AND durable_writes = true;" \
    "" "CREATE TABLE app.users (" "    id uuid PRIMARY KEY" ");" >"${WORK}/cqlsh-answer"
  CQL_USERNAME=cassandra CQL_PASSWORD=secret
  run copy_schema ctx ns cassandra-0 cassandra ctx2 ns2 target-0 cassandra app dc2:3
  expect_equal "${STATUS}" 0 "copy_schema's status"
  expect_lacks "$(<"${WORK}/cqlsh-calls")" "Warning" "the statements sent to the target"
  expect_contains "$(<"${WORK}/cqlsh-calls")" "CREATE TABLE IF NOT EXISTS app.users (" "the table statement sent to the target"
}

test_a_count_has_a_request_timeout_beyond_cqlsh_default() {
  cqlsh_stub
  export WORK
  printf '%s\n' "" " count" "-------" "  12345" "" "(1 rows)" >"${WORK}/cqlsh-answer"
  run row_count ctx ns cassandra-0 cassandra app users 900
  expect_equal "${STATUS}" 0 "row_count's status"
  expect_equal "${OUT}" 12345 "the count read from cqlsh's table"
  expect_contains "$(<"${WORK}/cqlsh-calls")" "--request-timeout 900" "cqlsh's arguments (its default is 10 s)"
}

# A stub kubectl answering every cqlsh call with corpus file cqlsh/FILE.
cqlsh_answers() {
  printf 'cat "${CORPUS}/cqlsh/%s"\n' "$1" | stub kubectl
}

test_replication_maps_are_read_as_cqlsh_prints_them() {
  cqlsh_answers select/keyspaces-replication.txt
  run cql read ctx ns pod-0 cassandra "SELECT keyspace_name, replication FROM system_schema.keyspaces;"
  local rows=${OUT}
  run normalize_keyspaces yes <<<"${rows}"
  expect_equal "${OUT}" $'app=dc1:3,dc2:3\nlegacy=simple:2' "the user keyspaces with their replication"
  run normalize_keyspaces no <<<"${rows}"
  expect_contains "${OUT}" "system_auth=simple:1" "system keyspaces when asked for"
}

test_a_user_keyspace_whose_name_starts_with_system_is_not_skipped() {
  local rows
  rows=$(sed 's/^   system_auth |/   systemlogs |/; s/^ keyspace_name |/ keyspace_name |/' "${CORPUS}/cqlsh/select/keyspaces-replication.txt")
  run normalize_keyspaces yes <<<"${rows}"
  expect_contains "${OUT}" "systemlogs=simple:1" "a keyspace named systemlogs (Cassandra's system keyspaces are exact names)"
}

test_table_names_are_read_as_cqlsh_prints_them() {
  cqlsh_answers select/table-names.txt
  run table_names ctx ns pod-0 cassandra app
  expect_equal "${OUT}" $'events\nusers\nusers_by_email' "the table names"
}

test_a_count_is_read_as_cqlsh_prints_it() {
  cqlsh_answers select/count.txt
  run row_count ctx ns pod-0 cassandra app users 120
  expect_equal "${OUT}" 12345 "the count"
}

# A stub kubectl for copy_schema: the source pod (cassandra-0) answers DESCRIBE with corpus
# file cqlsh/FILE; every statement sent elsewhere goes to its own ${WORK}/sent.N file.
describe_stub() {
  cat <<STUB | stub kubectl
if [[ " \$* " == *" cassandra-0 "* ]]; then
  cat "\${CORPUS}/cqlsh/$1"
  exit 0
fi
count=\$(find "\${WORK}" -maxdepth 1 -name 'sent.*' | wc -l)
for (( index = 1; index <= \$#; index++ )); do
  if [[ "\${!index}" == -e ]]; then
    next=\$(( index + 1 ))
    printf '%s' "\${!next}" >"\${WORK}/sent.\$(( count + 1 ))"
  fi
done
STUB
}

# The statements copy_schema sent, in order, separated by a line "----".
sent_statements() {
  local index=1
  while [[ -f "${WORK}/sent.${index}" ]]; do
    printf '%s\n----\n' "$(<"${WORK}/sent.${index}")"
    index=$(( index + 1 ))
  done
}

# The function of both corpus files, as the target must receive it: whole, body and all.
expected_function() {
  printf '%s\n' "CREATE FUNCTION IF NOT EXISTS shop.total_with_tax(amount decimal)" "    CALLED ON NULL INPUT" \
    "    RETURNS decimal" "    LANGUAGE java" "    AS \$\$" \
    '    java.math.BigDecimal rate = new java.math.BigDecimal("1.2");' "    return amount.multiply(rate);" "\$\$;"
}

expect_schema_copied_from() {
  describe_stub "$1"
  export WORK
  run copy_schema ctx ns cassandra-0 cassandra ctx2 ns2 target-0 cassandra shop dc2:3
  expect_equal "${STATUS}" 0 "copy_schema's status"
  local sent
  sent=$(sent_statements)
  expect_equal "$(grep -c '^----$' <<<"${sent}")" 5 "the number of statements sent (keyspace, type, function, table, index)"
  expect_contains "${sent}" "CREATE KEYSPACE IF NOT EXISTS \"shop\" WITH replication = {'class': 'NetworkTopologyStrategy', 'dc2': 3};" "the keyspace, with the target's replication"
  expect_lacks "${sent}" "'dc1'" "the statements sent (the source's replication stays behind)"
  expect_contains "${sent}" "$(expected_function)" "the function sent"
  expect_contains "${sent}" "CREATE TYPE IF NOT EXISTS shop.address (" "the type sent"
  expect_contains "${sent}" "CREATE TABLE IF NOT EXISTS shop.orders (" "the table sent"
  expect_contains "${sent}" "CREATE INDEX IF NOT EXISTS orders_note_idx ON shop.orders (note);" "the index sent"
}

test_copy_schema_of_3_11_client_side_describe_keeps_a_function_body_whole() {
  expect_schema_copied_from describe/3.11-keyspace.txt
}

test_copy_schema_of_4_1_server_side_describe_keeps_a_function_body_whole() {
  expect_schema_copied_from describe/4.1-keyspace.txt
}

test_statements_split_outside_strings_and_function_bodies() {
  split_cql_statements <<'CQL'

CREATE TABLE a.t (
    k int PRIMARY KEY
) WITH comment = 'ends here;
still the comment;'
    AND gc_grace_seconds = 0;
CREATE FUNCTION a.f(x int)
    AS $$ return x; $$;
CREATE TABLE a.u (k int PRIMARY KEY) WITH comment = 'it''s;';
CQL
  expect_equal "${#CQL_STATEMENTS[@]}" 3 "the number of statements"
  expect_contains "${CQL_STATEMENTS[0]}" "AND gc_grace_seconds = 0;" "the first statement"
  expect_equal "${CQL_STATEMENTS[1]}" $'CREATE FUNCTION a.f(x int)\n    AS $$ return x; $$;' "the function"
  expect_equal "${CQL_STATEMENTS[2]}" "CREATE TABLE a.u (k int PRIMARY KEY) WITH comment = 'it''s;';" "the last statement"
}

test_copy_schema_sends_a_compact_storage_table_as_3_11_describes_it() {
  describe_stub describe/3.11-compact-storage.txt
  export WORK
  run copy_schema ctx ns cassandra-0 cassandra ctx2 ns2 target-0 cassandra shop dc2:3
  expect_equal "${STATUS}" 0 "copy_schema's status"
  expect_contains "$(sent_statements)" $'    PRIMARY KEY (key, column1)\n) WITH COMPACT STORAGE\n' "the table sent"
}

test_copy_schema_stops_at_what_describe_cannot_recreate() {
  describe_stub describe/4.1-virtual-keyspace.txt
  export WORK
  run copy_schema ctx ns cassandra-0 cassandra ctx2 ns2 target-0 cassandra shop dc2:3
  expect_equal "${STATUS}" 1 "copy_schema's status"
  expect_contains "${ERR}" "cannot be recreated with CQL" "the error"
  expect_equal "$(sent_statements)" "" "what was sent to the target"
}

# nodetool's JMX login: `USER PASSWORD` on the shell's input, -u and -pwf given by that shell.
test_the_jmx_login_shell_gives_nodetool_a_password_file() {
  mkdir -p "${WORK}/fake" "${WORK}/tmp"
  cat >"${WORK}/fake/nodetool" <<'FAKE'
#!/bin/sh
printf '%s|' "$@" >"$TMPDIR/../seen-args"
ls -l "$4" | cut -c1-10 >"$TMPDIR/../seen-mode"
cat "$4" >"$TMPDIR/../seen-text"
FAKE
  chmod +x "${WORK}/fake/nodetool"
  printf 'admin s3cret\n' | PATH="${WORK}/fake:/usr/bin:/bin" TMPDIR="${WORK}/tmp" dash -c "${JMX_LOGIN_SHELL}" nodetool admin status
  expect_contains "$(<"${WORK}/seen-args")" "-u|admin|-pwf|${WORK}/tmp/" "nodetool's arguments"
  expect_contains "$(<"${WORK}/seen-args")" "|status|" "nodetool's arguments"
  expect_equal "$(<"${WORK}/seen-mode")" "-rw-------" "the password file's mode"
  expect_equal "$(<"${WORK}/seen-text")" "admin s3cret" "the password file"
  expect_equal "$(find "${WORK}/tmp" -type f | wc -l)" 0 "files left in the temporary directory"
}

# nodetool -pwf splits its file at whitespace: a JMX password with a blank is refused by name,
# never sent another way.
test_a_jmx_password_with_a_blank_is_refused() {
  CQL_USERNAME=admin CQL_PASSWORD="two words"
  JMX_LOGINS[ctx/ns]='cqlshrc environment'
  cat <<'STUB' | stub kubectl
printf '%s\n' "$*" >>"${WORK}/calls"
STUB
  run cass_query ctx ns cassandra-0 cassandra nodetool status
  expect_equal "${STATUS}" 1 "cass_query's status"
  expect_contains "${ERR}" "nodetool -pwf cannot read" "the message"
  [[ ! -e "${WORK}/calls" ]] || { echo "kubectl ran: $(<"${WORK}/calls")" >&2; exit 1; }
}

# nodetool through cass_with with a JMX login: exec -i, the shell, the user; the password only
# on kubectl's input.
test_nodetool_gets_its_jmx_login_on_its_input() {
  CQL_USERNAME=admin CQL_PASSWORD='s3cr$t'
  JMX_LOGINS[ctx/ns]='cqlshrc environment'
  cat <<'STUB' | stub kubectl
printf '%s\n' "$*" >>"${WORK}/calls"
cat >>"${WORK}/input"
STUB
  run cass_query ctx ns cassandra-0 cassandra nodetool status
  expect_equal "${STATUS}" 0 "cass_query's status"
  expect_contains "$(<"${WORK}/calls")" "exec -i cassandra-0 --container cassandra -- sh -c" "kubectl's arguments"
  expect_contains "$(<"${WORK}/calls")" "nodetool admin status" "kubectl's arguments"
  expect_lacks "$(<"${WORK}/calls")" 's3cr$t' "kubectl's arguments"
  expect_equal "$(<"${WORK}/input")" 'admin s3cr$t' "kubectl's input"
}

# expect_authentication against what cqlsh answers: a stub kubectl whose anonymous call (no
# `sh -c`, no login) gets ANON_STATUS and ANON_ERR, and whose LIST PERMISSIONS gets LIST_STATUS
# and LIST_ERR.
authentication_stub() {
  cat <<'STUB' | stub kubectl
if [[ "$*" == *"LIST ALL PERMISSIONS"* ]]; then
  printf '%s\n' "${LIST_ERR:-}" >&2
  exit "${LIST_STATUS:-0}"
fi
printf '%s\n' "${ANON_ERR:-}" >&2
exit "${ANON_STATUS:-0}"
STUB
}

test_a_node_answering_without_a_login_fails_a_plan_with_one() {
  authentication_stub
  export ANON_STATUS=0
  CQL_USERNAME=admin CQL_PASSWORD=secret
  CQL_LOGINS[ctx/ns]='cqlshrc environment'
  run expect_authentication ctx ns cassandra-0 cassandra login CassandraAuthorizer
  expect_equal "${STATUS}" 1 "expect_authentication's status"
  expect_contains "${ERR}" "answers cqlsh without a login (AllowAllAuthenticator)" "the message"
}

test_a_node_requiring_a_login_fails_a_plan_without_one() {
  authentication_stub
  export ANON_STATUS=1 ANON_ERR="Connection error: ('Unable to connect to any servers', {'127.0.0.1:9042': AuthenticationFailed('Remote end requires authentication')})"
  run expect_authentication ctx ns cassandra-0 cassandra none AllowAllAuthorizer
  expect_equal "${STATUS}" 1 "expect_authentication's status"
  expect_contains "${ERR}" "requires a login (PasswordAuthenticator), but the plan names none" "the message"
}

test_the_authorizer_is_read_from_list_permissions() {
  authentication_stub
  export ANON_STATUS=1 ANON_ERR="AuthenticationFailed('Remote end requires authentication')"
  export LIST_STATUS=2 LIST_ERR='<stdin>:1:InvalidRequest: Error from server: code=2200 [Invalid query] message="LIST PERMISSIONS operation is not supported by AllowAllAuthorizer"'
  CQL_USERNAME=admin CQL_PASSWORD=secret
  CQL_LOGINS[ctx/ns]='cqlshrc environment'
  run expect_authentication ctx ns cassandra-0 cassandra login CassandraAuthorizer
  expect_equal "${STATUS}" 1 "expect_authentication's status against CassandraAuthorizer"
  expect_contains "${ERR}" "runs AllowAllAuthorizer" "the message"
  run expect_authentication ctx ns cassandra-0 cassandra login AllowAllAuthorizer
  expect_equal "${STATUS}" 0 "expect_authentication's status against AllowAllAuthorizer"
  export LIST_STATUS=0 LIST_ERR=""
  run expect_authentication ctx ns cassandra-0 cassandra login CassandraAuthorizer
  expect_equal "${STATUS}" 0 "expect_authentication's status when permissions list"
}

# On 3.x/4.0 (--cqlshrc) the node's own cqlshrc still counts: its [connection] and [ssl] settings
# (client TLS) come first in the file cqlsh reads, its own [authentication] is left out, and
# nothing of it stays behind.
test_the_login_shell_keeps_the_nodes_own_cqlshrc() {
  mkdir -p "${WORK}/fake" "${WORK}/tmp" "${WORK}/home/.cassandra"
  printf '[connection]\nssl = true\n[authentication]\nusername = old\n[ssl]\ncertfile = /etc/ca.pem\n' >"${WORK}/home/.cassandra/cqlshrc"
  cat >"${WORK}/fake/cqlsh" <<'FAKE'
#!/bin/sh
cat "$2" >"$TMPDIR/../seen-text"
FAKE
  chmod +x "${WORK}/fake/cqlsh"
  printf '[authentication]\nusername = admin\npassword = s3cret\n' |
    HOME="${WORK}/home" PATH="${WORK}/fake:/usr/bin:/bin" TMPDIR="${WORK}/tmp" dash -c "${CQL_LOGIN_SHELL}" cqlsh --cqlshrc -e 'SELECT 1;'
  expect_equal "$(<"${WORK}/seen-text")" $'[connection]\nssl = true\n[ssl]\ncertfile = /etc/ca.pem\n[authentication]\nusername = admin\npassword = s3cret' "the file cqlsh read"
  expect_equal "$(find "${WORK}/tmp" -type f | wc -l)" 0 "files left in the temporary directory"
  # 4.1+: --credentials, and --cqlshrc with the node's file without [authentication] and
  # [auth_provider], whose username and password would override the credentials file.
  printf '[connection]\nssl = true\n[authentication]\nusername = old\n[auth_provider]\nmodule = custom\n[ssl]\ncertfile = /etc/ca.pem\n' >"${WORK}/home/.cassandra/cqlshrc"
  cat >"${WORK}/fake/cqlsh" <<'FAKE'
#!/bin/sh
printf '%s\n' "$1 $3" >"$TMPDIR/../seen-flags"
cat "$2" >"$TMPDIR/../seen-rc"
cat "$4" >"$TMPDIR/../seen-text"
FAKE
  printf '[PlainTextAuthProvider]\nusername = admin\npassword = s3cret\n' |
    HOME="${WORK}/home" PATH="${WORK}/fake:/usr/bin:/bin" TMPDIR="${WORK}/tmp" dash -c "${CQL_LOGIN_SHELL}" cqlsh --credentials -e 'SELECT 1;'
  expect_equal "$(<"${WORK}/seen-flags")" "--cqlshrc --credentials" "the flags cqlsh got"
  expect_equal "$(<"${WORK}/seen-rc")" $'[connection]\nssl = true\n[ssl]\ncertfile = /etc/ca.pem' "the node's cqlshrc, without its login sections"
  expect_equal "$(<"${WORK}/seen-text")" $'[PlainTextAuthProvider]\nusername = admin\npassword = s3cret' "the credentials file"
  expect_equal "$(find "${WORK}/tmp" -type f | wc -l)" 0 "files left in the temporary directory"
}

# expect_client_tls: cqlsh without TLS and login reaches the node (it answers, or asks for a
# login), or is cut off.
test_client_tls_is_read_from_a_plaintext_probe() {
  cat <<'STUB' | stub kubectl
printf '%s\n' "$*" >>"${WORK}/calls"
printf '%s\n' "${PROBE_ERR:-}" >&2
exit "${PROBE_STATUS:-0}"
STUB
  export PROBE_STATUS=1 PROBE_ERR="Connection error: ('Unable to connect to any servers', {'127.0.0.1:9042': ConnectionShutdown('Connection to 127.0.0.1:9042 was closed')})"
  run expect_client_tls ctx ns cassandra-0 cassandra required
  expect_equal "${STATUS}" 0 "a node that cuts off plaintext, TLS required"
  expect_lacks "$(<"${WORK}/calls")" "--ssl" "the probe's arguments"
  run expect_client_tls ctx ns cassandra-0 cassandra none
  expect_equal "${STATUS}" 1 "a node that cuts off plaintext, TLS not declared"
  expect_contains "${ERR}" "tls { client = true" "the message"
  export PROBE_STATUS=1 PROBE_ERR="AuthenticationFailed('Remote end requires authentication')"
  run expect_client_tls ctx ns cassandra-0 cassandra required
  expect_equal "${STATUS}" 1 "a node that takes plaintext (and asks for a login), TLS required"
  expect_contains "${ERR}" "accepts clients without TLS" "the message"
}

test_the_tls_secret_must_hold_every_key() {
  cat <<'STUB' | stub kubectl
printf '{"keystore-password":"cGFzcw==","keystore.jks":"YQ=="}'
STUB
  run expect_secret_keys ctx ns cassandra-tls keystore.jks keystore-password
  expect_equal "${STATUS}" 0 "the keys present"
  run expect_secret_keys ctx ns cassandra-tls keystore.jks truststore.jks
  expect_equal "${STATUS}" 1 "a key missing"
  expect_contains "${ERR}" "lacks the key truststore.jks" "the message"
  cat <<'STUB' | stub kubectl
printf 'Error from server (NotFound): secrets "cassandra-tls" not found\n' >&2
exit 1
STUB
  run expect_secret_keys ctx ns cassandra-tls keystore.jks
  expect_equal "${STATUS}" 1 "the Secret missing"
  expect_contains "${ERR}" "create it there with keystore.jks" "the message says how to fix it"
}
