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
