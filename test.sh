#!/usr/bin/env bash
# Runs Conductor's whole test suite on a fresh machine with the .NET SDK:
#   1. makes sure a PostgreSQL server is installed (Debian's package) and starts a throwaway cluster
#      on 127.0.0.1 with its data in a temporary folder, for the store tests;
#   2. builds the solution in Release and runs every test project;
#   3. ends with one line "N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)

# Tools the tests run for real: the evidence bundle's verify.sh needs jq and openssl.
missing=""
for tool in jq openssl; do command -v "$tool" >/dev/null || missing="$missing $tool"; done
if [ -n "$missing" ]; then
  echo "test.sh: installing$missing (Debian packages)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null 2>&1 || true
  apt-get install -y -qq $missing >/dev/null 2>&1 || echo "test.sh: could not install$missing"
fi

pg_bin=""
find_pg() { pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1); }
find_pg
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
  echo "test.sh: installing PostgreSQL (Debian package postgresql)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null 2>&1 || true
  apt-get install -y -qq postgresql >/dev/null 2>&1 || echo "test.sh: could not install postgresql"
  find_pg
fi

pg_dir=""
cleanup() {
  if [ -n "$pg_dir" ] && [ -d "$pg_dir" ]; then
    run_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
  fi
}
trap cleanup EXIT

# initdb refuses to run as root: run the server as the 'postgres' user the package creates.
run_pg() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ]; then
  pg_dir=$(mktemp -d /tmp/conductor-pg.XXXXXX)
  chmod 755 "$pg_dir"
  [ "$(id -u)" = "0" ] && chown postgres "$pg_dir"
  pg_port=$(( 20000 + RANDOM % 20000 ))
  if run_pg "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust >"$pg_dir/initdb.log" 2>&1 &&
     run_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
       -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_dir -c fsync=on -c max_connections=200" start >/dev/null; then
    export CONDUCTOR_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres;Pooling=true"
    echo "test.sh: PostgreSQL on 127.0.0.1:$pg_port"
  else
    echo "test.sh: PostgreSQL did not start; see $pg_dir"; cat "$pg_dir"/*.log 2>/dev/null | tail -n 20
  fi
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
if ! dotnet build Conductor.slnx -c Release -v quiet -nologo; then
  echo "0 passed, 1 failed"
  exit 1
fi

results="$root/artifacts/test-results"
rm -rf "$results"
dotnet test Conductor.slnx -c Release --no-build --nologo \
  --logger "trx" --results-directory "$results" -- RunConfiguration.TreatNoTestsAsError=false
status=$?

passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$(( passed + ${p:-0} )); failed=$(( failed + ${f:-0} ))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
