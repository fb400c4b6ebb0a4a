# shellcheck shell=bash
# cqlsh as 40-cassandra.sh and 70-snapshot-load.sh call it, against what the real cqlsh prints
# (Tests/Fixtures/real/cqlsh).

# A stub kubectl running "cqlsh": stderr gets the 4.1+ password warning when -p is given,
# stdout the lines in ${WORK}/cqlsh-answer; every call's arguments go to ${WORK}/cqlsh-calls.
cqlsh_stub() {
  cat <<'STUB' | stub kubectl
printf '%s\n' "$*" >>"${WORK}/cqlsh-calls"
for argument in "$@"; do
  if [[ "${argument}" == -p ]]; then
    cat "${CORPUS}/cqlsh/stderr/4.1-password-warning.txt" >&2
  fi
done
cat "${WORK}/cqlsh-answer"
STUB
}

test_the_password_warning_stays_out_of_what_cqlsh_answers() {
  cqlsh_stub
  export WORK
  printf '%s\n' "CREATE KEYSPACE app WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': '3'}  AND durable_writes = true;" >"${WORK}/cqlsh-answer"
  CQL_USERNAME=cassandra CQL_PASSWORD=secret
  run cql read ctx ns cassandra-0 cassandra "DESCRIBE KEYSPACE app;"
  expect_equal "${STATUS}" 0 "cql's status"
  expect_equal "${OUT}" "$(<"${WORK}/cqlsh-answer")" "what cql read returns"
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
