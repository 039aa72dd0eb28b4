#!/usr/bin/env bash
# `npm start -- DATASET.csv`: build the VSIX, install it into a local code-server, open a workspace
# on the dataset and print the URL to open. Works on a fresh clone (installs what it needs).
# The dataset is read in place and never written; the workspace folder only holds settings
# (and, later, the label log). PORT (default 8080) and CD_HOME (default ~/.cache/compute-divide)
# can be set in the environment.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

dataset="${1:-}"
if [[ -z "$dataset" || ! -f "$dataset" ]]; then
  echo "usage: npm start -- DATASET.csv   (an Epoch AI model table, e.g. ../shared/data/epoch/notable_ai_models_2026-07.csv)" >&2
  exit 2
fi
dataset="$(cd "$(dirname "$dataset")" && pwd)/$(basename "$dataset")"
home="${CD_HOME:-$HOME/.cache/compute-divide}"
port="${PORT:-8080}"

bash scripts/install-code-server.sh
[[ -d node_modules ]] || npm ci --no-audit --no-fund
npm run --silent package

extensions="$home/extensions"
workspace="$home/workspaces/$(basename "$dataset" .csv)"
mkdir -p "$extensions" "$workspace/.vscode"
node -e 'const [file, dataset] = process.argv.slice(1); require("fs").writeFileSync(file, JSON.stringify({ "computeDivide.dataset": dataset }, null, 2) + "\n")' \
  "$workspace/.vscode/settings.json" "$dataset"

server="${CODE_SERVER_DIR:-$home/code-server-4.100.3}"
node "$server/out/node/entry.js" --extensions-dir "$extensions" --install-extension dist/compute-divide.vsix --force >/dev/null

echo
echo "Compute Divide is starting on $dataset"
echo "Open: http://127.0.0.1:$port/?folder=$workspace"
echo "(Ctrl+C stops the server.)"
echo
exec node "$server/out/node/entry.js" --auth none --bind-addr "127.0.0.1:$port" --extensions-dir "$extensions" \
  --user-data-dir "$home/user-data" --disable-telemetry --disable-update-check --disable-workspace-trust "$workspace"
