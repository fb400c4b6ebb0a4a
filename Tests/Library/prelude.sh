#!/usr/bin/env bash
# What a runbook's header defines before the library (BashEmitter.header), for the library's
# lint run (scripts/shellcheck-library) and its bash tests (Tests/Library/run).
# shellcheck disable=SC2310
set -Eeuo pipefail
shopt -s inherit_errexit

readonly PLAN_NAME='library-test'
readonly PLAN_HASH='0000000000000000000000000000000000000000000000000000000000000000'
readonly PLAN_STRATEGY='handover'
readonly DOWNTIME_BUDGET_SECONDS=600
readonly LAST_DOWNTIME_STEP=-1
readonly -a CLUSTER_CONTEXTS=('source-context' 'target-context')
# Not readonly here: the login tests set entries.
declare -A CQL_LOGINS=(['source-context/cassandra']='cqlshrc environment')
declare -A JMX_LOGINS=()
declare -A CQL_TLS=()
readonly RECORD_CONTEXT='target-context'
readonly RECORD_NAMESPACE='cassandra'
readonly RECORD_NAME='cmplan-library-test-progress'
RUNBOOK_DIR=.
readonly RUNBOOK_DIR
