#!/usr/bin/env bash
# CI, for a clone with nothing beside it (no ../shared, no test corpus), as anyone who finds the
# project has it: clone the repository into an empty folder, then check there that
#   1. `npm start` with no argument serves a workbench whose Papers view lists the bundled
#      snapshot's topics (scripts/check-start.mjs), and
#   2. `npm run test:unit` passes, with the tests that need the corpus skipped under one line:
#      `N passed, 0 failed, M skipped` with N > 0 and M > 0.
# code-server comes from the usual cache (scripts/install-code-server.sh); nothing else is shared.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo="$PWD"
scratch="$(mktemp -d)"
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]]; then kill -- "-$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$scratch"
}
trap cleanup EXIT
log() { printf '[clone-alone] %s\n' "$*"; }

git clone -q "$repo" "$scratch/compute-divide"
cd "$scratch/compute-divide"
[[ ! -e ../shared ]] || { log "unexpected ../shared beside the clone"; exit 1; }
# The clone must not find the corpus through the environment either.
unset COMPUTE_DIVIDE_TEST_DATA COMPUTE_DIVIDE_REQUIRE_TEST_DATA
npm ci --no-audit --no-fund --silent

log "npm run test:unit without the corpus"
npm run --silent test:unit > "$scratch/unit.log" 2>&1 || { tail -n 40 "$scratch/unit.log"; log "test:unit failed"; exit 1; }
closing="$(tail -n 1 "$scratch/unit.log")"
log "closing line: $closing"
grep -q "^Test corpus not found" "$scratch/unit.log" || { log "no explanatory line about the missing corpus"; exit 1; }
if [[ ! "$closing" =~ ^([0-9]+)\ passed,\ 0\ failed,\ ([0-9]+)\ skipped$ ]] || (( BASH_REMATCH[1] == 0 || BASH_REMATCH[2] == 0 )); then
  log "expected 'N passed, 0 failed, M skipped' with N, M > 0"
  exit 1
fi

port="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
log "npm start (no argument) on port $port"
CD_HOME="$scratch/home" PORT="$port" setsid npm start > "$scratch/start.log" 2>&1 < /dev/null &
server_pid=$!
url=""
for _ in $(seq 1 600); do
  url="$(sed -n 's/^Open: \(http:[^ ]*\)$/\1/p' "$scratch/start.log" | head -n 1)"
  if [[ -n "$url" ]] && curl -fsS -o /dev/null "$url" 2>/dev/null; then break; fi
  kill -0 "$server_pid" 2>/dev/null || { tail -n 40 "$scratch/start.log"; log "npm start exited"; exit 1; }
  url=""
  sleep 0.5
done
[[ -n "$url" ]] || { tail -n 40 "$scratch/start.log"; log "npm start served nothing within 5 minutes"; exit 1; }
node "$repo/scripts/check-start.mjs" "$url" || { tail -n 40 "$scratch/start.log"; exit 1; }
log "ok"
