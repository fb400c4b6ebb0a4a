# shellcheck shell=bash
# The progress record's helpers over a stub kubectl.

# A stub kubectl that answers every `get` with TEXT (exit 0), as the real one prints a
# jsonpath's value (nothing for a missing key or, with --ignore-not-found, a missing object).
stub_record_read() {
  printf 'printf "%%s" %q\n' "$1" | stub kubectl
}

test_not_confirmed_holds_when_nothing_was_confirmed() {
  stub_record_read ""
  run not_confirmed confirm-clients-switched "the clients may have written to the target"
  expect_equal "${STATUS}" 0 "the status"
}

test_not_confirmed_fails_once_the_record_has_the_confirmation() {
  stub_record_read yes
  run not_confirmed confirm-clients-switched "the clients may have written to the target"
  expect_equal "${STATUS}" 1 "the status"
  expect_contains "${ERR}" "confirm-clients-switched was confirmed" "the message"
  expect_contains "${ERR}" "the clients may have written to the target" "the reason"
}

test_not_confirmed_fails_when_the_state_dir_has_the_confirmation() {
  stub_record_read ""
  printf 'yes\n' >"${STATE_DIR}/fact-confirmed_confirm_clients_switched"
  run not_confirmed confirm-clients-switched "why"
  expect_equal "${STATUS}" 1 "the status"
  expect_contains "${ERR}" "(state dir)" "the message"
}

# A record that cannot be read is no proof that nothing was confirmed.
test_not_confirmed_fails_when_the_record_cannot_be_read() {
  printf 'echo "The connection to the server was refused" >&2\nexit 1\n' | stub kubectl
  run not_confirmed confirm-clients-switched "why"
  expect_equal "${STATUS}" 1 "the status"
  expect_contains "${ERR}" "whether confirm-clients-switched was confirmed is unknown" "the message"
}
