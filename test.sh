#!/usr/bin/env bash
# Runs every test of Bangfu: unit tests, integration tests on SQLite and on a throwaway PostgreSQL, browser tests
# in Debian chromium, and the build checks (pending model changes on both migration sets, dotnet format).
# Installs what is missing. Ends with one line: "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
results="$root/artifacts/test-results"
rm -rf "$results" && mkdir -p "$results"
passed=0 failed=0 skipped=0

say() { printf '\n== %s\n' "$*"; }
check() { # name, command...: a build check counts as one test
    local name=$1; shift
    if "$@" >"$results/$name.log" 2>&1; then passed=$((passed + 1)); echo "ok: $name"
    else failed=$((failed + 1)); echo "FAILED: $name (see artifacts/test-results/$name.log)"; tail -n 20 "$results/$name.log"; fi
}

say "installing what is missing"
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need+=(fonts-noto-cjk)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
[ -x /usr/bin/soffice ] || need+=(libreoffice-writer-nogui)
if [ ${#need[@]} -gt 0 ]; then
    echo "apt-get install ${need[*]}"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}") >"$results/apt.log" 2>&1 \
        || { echo "apt-get failed"; tail -n 20 "$results/apt.log"; }
fi
dotnet tool restore >/dev/null

say "building"
if ! dotnet build Bangfu.slnx -c Debug -nologo -clp:ErrorsOnly >"$results/build.log" 2>&1; then
    cat "$results/build.log" | tail -n 40
    echo "0 passed, 1 failed, 0 skipped"
    exit 1
fi

say "starting a throwaway PostgreSQL"
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
pgdir=$(mktemp -d /tmp/bangfu-pg.XXXXXX)
id postgres >/dev/null 2>&1 || useradd --system postgres
chown postgres "$pgdir"
pgport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
stop_pg() { runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgdir/data" -m immediate stop >/dev/null 2>&1; rm -rf "$pgdir"; }
trap stop_pg EXIT
runuser -u postgres -- "$pgbin/initdb" -D "$pgdir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$results/initdb.log" 2>&1
if runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgdir/data" -l "$pgdir/log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $pgport -k $pgdir -c fsync=off -c synchronous_commit=off -c max_connections=200" start >/dev/null; then
    export BANGFU_TEST_PG="Host=127.0.0.1;Port=$pgport;Username=postgres;Include Error Detail=true"
    echo "PostgreSQL on 127.0.0.1:$pgport"
else
    echo "PostgreSQL did not start"; cat "$pgdir/log"
fi

say "build checks"
check pending-model-sqlite dotnet ef migrations has-pending-model-changes --project src/Bangfu --context SqliteDbContext --no-build
check pending-model-postgres dotnet ef migrations has-pending-model-changes --project src/Bangfu --context PostgresDbContext --no-build
check dotnet-format dotnet format Bangfu.slnx --verify-no-changes --no-restore

run_tests() { # label, project, extra env...
    local label=$1 project=$2; shift 2
    say "tests: $label"
    env "$@" dotnet test "$project" --no-build -nologo --logger "trx;LogFileName=$label.trx" --results-directory "$results" \
        >"$results/$label.log" 2>&1
    local rc=$?
    grep -E "^(Passed|Failed)!|error|Failed " "$results/$label.log" | grep -v "^\s*$" | tail -n 40
    local line
    line=$(grep -E "^(Passed|Failed)! +- Failed: " "$results/$label.log" | tail -n 1)
    if [ -z "$line" ]; then
        echo "no test summary from $label (exit $rc)"; tail -n 30 "$results/$label.log"; failed=$((failed + 1)); return
    fi
    local f p s
    f=$(sed -E 's/.*Failed: +([0-9]+).*/\1/' <<<"$line")
    p=$(sed -E 's/.*Passed: +([0-9]+).*/\1/' <<<"$line")
    s=$(sed -E 's/.*Skipped: +([0-9]+).*/\1/' <<<"$line")
    passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
    [ "$f" -eq 0 ] || python3 .ci/failures.py "$results/$label.trx"
}

run_tests unit tests/Bangfu.UnitTests
run_tests integration-sqlite tests/Bangfu.IntegrationTests BANGFU_TEST_PROVIDER=Sqlite
if [ -n "${BANGFU_TEST_PG:-}" ]; then
    run_tests integration-postgres tests/Bangfu.IntegrationTests BANGFU_TEST_PROVIDER=Postgres
else
    echo "FAILED: integration-postgres (no PostgreSQL)"; failed=$((failed + 1))
fi
run_tests browser tests/Bangfu.BrowserTests BANGFU_SCREENSHOTS="$root/artifacts/screenshots"

echo
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
