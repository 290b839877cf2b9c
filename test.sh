#!/usr/bin/env bash
# The one command that runs every test: unit, integration (real PostgreSQL), page/API and browser (Playwright).
# Needs the .NET SDK, Node/npm and PostgreSQL 15 binaries; installs Debian's Chromium when it can.
# Ends with one line "N passed, M failed"; exits non-zero when anything failed.
set -euo pipefail
cd "$(dirname "$0")"

export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1   # the browser tests drive /usr/bin/chromium; Playwright never downloads one
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if [[ ! -x /usr/bin/chromium ]]; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "Installing Chromium for the browser tests (apt-get install chromium)..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "Chromium not found at /usr/bin/chromium: install it with 'sudo apt-get install -y chromium', then run ./test.sh again." >&2
    exit 1
  fi
fi

rm -rf DealDesk.E2E/TestResults      # last run's browser traces and screenshots
rm -f ./*/TestResults/results.trx

# The test hosts start throwaway PostgreSQL clusters under $TMPDIR: this run gets its own, so concurrent runs on
# one machine leave each other alone. Test projects run one after the other (-m:1) for the same reason.
run_tmp=$(mktemp -d /tmp/dealdesk-run.XXXXXX)
chmod 755 "$run_tmp"   # PostgreSQL runs as the postgres OS user, which must be able to enter it
trap 'rm -rf "$run_tmp"' EXIT

status=0
dotnet tool restore &&   # the pinned dotnet-ef (.config/dotnet-tools.json): a fresh clone has it without a manual step
  dotnet build DealDesk.sln -c Release &&
  TMPDIR=$run_tmp dotnet test DealDesk.sln -c Release --no-build -m:1 \
    --logger "console;verbosity=normal" --logger "trx;LogFileName=results.trx" || status=$?

# Sum the counters of every test project's trx; a missing trx (build failure, crashed test host) is a failure.
counter() { grep -o '<Counters [^>]*>' "$2" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
for p in DealDesk.Tests DealDesk.E2E; do
  [[ -f $p/TestResults/results.trx ]] || { echo "No test results from $p." >&2; status=1; }
done
passed=0 failed=0
for trx in ./*/TestResults/results.trx; do
  [[ -f $trx ]] || continue
  passed=$(( passed + $(counter passed "$trx") ))
  failed=$(( failed + $(counter failed "$trx") + $(counter error "$trx") + $(counter timeout "$trx") + $(counter aborted "$trx") ))
done

echo "$passed passed, $failed failed"
[[ $status -eq 0 && $failed -eq 0 ]]
