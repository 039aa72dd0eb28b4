#!/usr/bin/env bash
# `npm start`, `npm start -- DATASET.csv [FOLDER]` or `npm start -- FOLDER`: build the VSIX,
# install it into a local code-server and print the URL to open.
#   (nothing)            opens a workspace kept under $CD_HOME/workspaces/epoch-bundled-snapshot on
#                        the snapshot of Epoch AI's notable-models table that ships with the
#                        extension (computeDivide.dataset = "bundled"); its label log lives there.
#   DATASET.csv          opens a workspace kept for that dataset under $CD_HOME/workspaces/ (its
#                        label log lives there: .compute-divide/labels.jsonl).
#   DATASET.csv FOLDER   opens your own project FOLDER (say, a git repository where the label log
#                        should be committed) and sets computeDivide.dataset in its
#                        .vscode/settings.json (other settings kept; a file with comments is left
#                        alone and the dataset is set in the user settings instead).
#   FOLDER               opens FOLDER as it is; the extension finds the Epoch table in it.
# The dataset is read in place and never written. PORT (default 8080) and CD_HOME (default
# ~/.cache/compute-divide: workspaces, user settings, extensions, code-server's config) can be set in
# the environment; code-server itself is installed by scripts/install-code-server.sh
# (CODE_SERVER_DIR, default ~/.cache/compute-divide/code-server-4.100.3).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

usage() {
  echo "usage: npm start   or   npm start -- DATASET.csv [FOLDER]   or   npm start -- FOLDER" >&2
  echo "  (no argument: Epoch AI's notable models, the snapshot bundled with the extension;" >&2
  echo "   DATASET.csv: an Epoch AI model table, e.g. one downloaded from https://epoch.ai/data/notable_ai_models.csv)" >&2
  exit 2
}
no_such() { echo "no such file: $1" >&2; exit 2; }
absolute() { echo "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; }

dataset=""
folder=""
case $# in
  0) dataset="bundled" ;;
  1) if [[ -d "$1" ]]; then folder="$(cd "$1" && pwd)"; elif [[ -f "$1" ]]; then dataset="$(absolute "$1")"; elif [[ -e "$1" ]]; then usage; else no_such "$1"; fi ;;
  2) [[ -e "$1" ]] || no_such "$1"; [[ -e "$2" ]] || no_such "$2"; [[ -f "$1" && -d "$2" ]] || usage; dataset="$(absolute "$1")"; folder="$(cd "$2" && pwd)" ;;
  *) usage ;;
esac

home="${CD_HOME:-$HOME/.cache/compute-divide}"
port="${PORT:-8080}"
export CODE_SERVER_DIR="${CODE_SERVER_DIR:-$HOME/.cache/compute-divide/code-server-4.100.3}"

bash scripts/install-code-server.sh
# npm ci when the dependencies are missing or older than the lock file (after a git pull).
if [[ ! -d node_modules || package-lock.json -nt node_modules/.package-lock.json ]]; then npm ci --no-audit --no-fund; fi
npm run --silent package

extensions="$home/extensions"
user_data="$home/user-data"
mkdir -p "$extensions" "$user_data/User"

if [[ -z "$folder" && "$dataset" == bundled ]]; then
  folder="$home/workspaces/epoch-bundled-snapshot"
elif [[ -z "$folder" ]]; then
  # One workspace per dataset file: its name, and a short hash of its path so that two files with
  # the same name do not share a workspace (nor a label log).
  hash="$(printf '%s' "$dataset" | sha1sum | cut -c1-8)"
  folder="$home/workspaces/$(basename "$dataset" .csv)-$hash"
fi
if [[ -n "$dataset" ]]; then
  mkdir -p "$folder/.vscode"
  # Set computeDivide.dataset, keeping the other settings. A settings file that is not plain JSON
  # (comments) is not rewritten: the dataset goes to the user settings of this code-server instead.
  node -e '
    const fs = require("fs");
    const [file, userFile, dataset] = process.argv.slice(1);
    const update = (f) => {
      let settings = {};
      if (fs.existsSync(f)) {
        try { settings = JSON.parse(fs.readFileSync(f, "utf8")); } catch { return false; }
      }
      settings["computeDivide.dataset"] = dataset;
      const temp = `${f}.${process.pid}.tmp`;
      fs.writeFileSync(temp, JSON.stringify(settings, null, 2) + "\n");
      fs.renameSync(temp, f);
      return true;
    };
    if (!update(file)) {
      console.error(`${file} has comments; computeDivide.dataset was set in ${userFile} instead.`);
      if (!update(userFile)) console.error(`${userFile} has comments too; open the dataset with "Compute Divide: Open Dataset…".`);
    }' "$folder/.vscode/settings.json" "$user_data/User/settings.json" "$dataset"
fi

# This code-server profile (under CD_HOME) opens on the workspace, not on VS Code's walkthrough.
node -e '
  const fs = require("fs");
  const f = process.argv[1];
  let settings = {};
  if (fs.existsSync(f)) { try { settings = JSON.parse(fs.readFileSync(f, "utf8")); } catch { process.exit(0); } }
  if ("workbench.startupEditor" in settings) process.exit(0);
  settings["workbench.startupEditor"] = "none";
  fs.writeFileSync(`${f}.${process.pid}.tmp`, JSON.stringify(settings, null, 2) + "\n");
  fs.renameSync(`${f}.${process.pid}.tmp`, f);' "$user_data/User/settings.json"

node "$CODE_SERVER_DIR/out/node/entry.js" --extensions-dir "$extensions" --install-extension dist/compute-divide.vsix --force >/dev/null

echo
if [[ "$dataset" == bundled ]]; then described="Epoch AI's notable models (the snapshot bundled with the extension; Epoch AI, Data on Notable AI Models, CC BY 4.0)"; else described="${dataset:-the Epoch table in $folder}"; fi
echo "Compute Divide is starting on $described"
echo "Workspace: $folder (the label log: $folder/.compute-divide/labels.jsonl)"
echo "Open: http://127.0.0.1:$port/?folder=$folder"
echo "(Ctrl+C stops the server.)"
echo
exec node "$CODE_SERVER_DIR/out/node/entry.js" --config "$home/code-server.yaml" --auth none --bind-addr "127.0.0.1:$port" \
  --extensions-dir "$extensions" --user-data-dir "$user_data" --disable-telemetry --disable-update-check --disable-workspace-trust "$folder"
