#!/usr/bin/env bash
# Installs code-server 4.100.3 (VS Code 1.100.3) for the real-VS-Code test harness
# (test/harness/codeServer.mjs) on a machine that reaches only the npm registry and
# Debian's apt repositories.
#
# A plain `npm install code-server` fails offline: its postinstall rebuilds native
# modules against downloaded Node headers and @vscode/ripgrep downloads a binary.
# So this script does the postinstall's work by hand ("route A"): install with
# --ignore-scripts, build the native modules against the headers Debian's Node ships
# in /usr, and use Debian's ripgrep.
#
# Idempotent: a finished install leaves a marker file; with the marker present (and
# matching this Node's ABI) the script returns at once. The install is built in a
# staging folder and moved into place only when complete, so an interrupted run never
# leaves something that looks installed.
#
# Environment:
#   CODE_SERVER_DIR   install location (default: ~/.cache/compute-divide/code-server-4.100.3).
#                     Keep it outside any node_modules tree: npm treats nested package
#                     folders specially and may prune them.
#   SKIP_APT=1        do not touch apt (e.g. when the packages are provided otherwise).
set -Eeuo pipefail

readonly CS_VERSION=4.100.3
readonly DIR="${CODE_SERVER_DIR:-$HOME/.cache/compute-divide/code-server-$CS_VERSION}"
readonly MARKER="$DIR/.compute-divide-install-complete"
readonly START_TIME=$EPOCHREALTIME
elapsed() { awk -v a="$START_TIME" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f s", b - a }'; }

log() { printf '[install-code-server] %s\n' "$*" >&2; }
die() { printf '[install-code-server] ERROR: %s\n' "$*" >&2; exit 1; }
# die() explains expected failures; this catches the unexpected ones that set -e stops on.
trap 'printf "[install-code-server] ERROR: command failed (exit %s) at line %s: %s\n" "$?" "$LINENO" "$BASH_COMMAND" >&2' ERR

command -v node >/dev/null || die "node not found on PATH (code-server $CS_VERSION needs Node 20)"
# Native modules are built for one Node ABI; a different Node needs a rebuild.
NODE_ABI="$(node -p 'process.versions.modules')"
readonly MARKER_CONTENT="code-server $CS_VERSION node-abi $NODE_ABI"

case "$DIR" in */node_modules/*) die "CODE_SERVER_DIR must not be inside a node_modules tree: $DIR" ;; esac

# ---------------------------------------------------------------------------
# (a) Debian packages: compilers and headers for the native modules, ripgrep for
#     VS Code's search, chromium for Playwright (which must never download a browser).
# ---------------------------------------------------------------------------
APT_PACKAGES=(build-essential pkg-config python3 libkrb5-dev libx11-dev libxkbfile-dev
  libsecret-1-dev ripgrep chromium)

# One dpkg-query for all (as `dpkg -s` would, but cheaper); a package counts only when
# "install ok installed" (not e.g. removed with its config files kept).
installed=" $(dpkg-query -W -f='${Package}:${Status}\n' "${APT_PACKAGES[@]}" 2>/dev/null |
  sed -n 's/:install ok installed$//p' | tr '\n' ' ' || true) "
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  [[ "$installed" == *" $pkg "* ]] || missing+=("$pkg")
done
if ((${#missing[@]} > 0)); then
  [[ "${SKIP_APT:-}" == 1 ]] && die "SKIP_APT=1 but these Debian packages are missing: ${missing[*]}"
  SUDO=()
  if [[ "$(id -u)" != 0 ]]; then
    command -v sudo >/dev/null || die "need root (or sudo) to apt-get install: ${missing[*]}"
    SUDO=(sudo)
  fi
  log "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${SUDO[@]}" apt-get update -qq || die "apt-get update failed"
  "${SUDO[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null || die "apt-get install ${missing[*]} failed"
fi

# Fast path: nothing to do. Only cheap checks come before it, so a re-run costs ~0.1 s.
if [[ -f "$MARKER" && "$(cat "$MARKER")" == "$MARKER_CONTENT" ]]; then
  log "code-server $CS_VERSION already installed in $DIR (checked in $(elapsed))"
  exit 0
fi

# ---------------------------------------------------------------------------
# (b) code-server itself.
# ---------------------------------------------------------------------------
[[ "$(node -p 'process.versions.node.split(".")[0]')" == 20 ]] ||
  die "code-server $CS_VERSION needs Node 20 (found $(node --version))"
[[ -f /usr/include/node/node.h ]] ||
  die "Node headers not found in /usr/include/node (needed for node-gyp --nodedir=/usr)"

# npm bundles node-gyp; use that one rather than requiring a global install.
NODE_GYP="$(dirname "$(readlink -f "$(command -v npm)")")/../node_modules/node-gyp/bin/node-gyp.js"
[[ -f "$NODE_GYP" ]] || die "npm's bundled node-gyp not found at $NODE_GYP"

mkdir -p "$(dirname "$DIR")"

# Serialise concurrent installs (e.g. two test runs starting at once).
exec 9>"$DIR.lock"
flock 9
# Another run may have finished while we waited.
if [[ -f "$MARKER" && "$(cat "$MARKER")" == "$MARKER_CONTENT" ]]; then
  log "code-server $CS_VERSION was installed by a concurrent run in $DIR"
  exit 0
fi

if [[ -e "$DIR" ]]; then
  if [[ -f "$MARKER" ]]; then
    # Ours, but for another Node ABI or an older marker format: safe to replace.
    log "replacing install in $DIR ($(cat "$MARKER") -> $MARKER_CONTENT)"
    rm -rf "$DIR"
  else
    die "$DIR exists but is not a finished install by this script; remove it and re-run"
  fi
fi

STAGE="$DIR.partial"
rm -rf "$STAGE"
mkdir -p "$STAGE"

# Quiet, offline-friendly npm: no audit/fund calls, no update notice.
NPM_FLAGS=(--omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error)
export npm_config_update_notifier=false

log "npm pack code-server@$CS_VERSION"
tarball="$(cd "$STAGE" && npm pack "code-server@$CS_VERSION" --silent)"
tar -xzf "$STAGE/$tarball" -C "$STAGE" --strip-components=1
rm -f "$STAGE/$tarball"

log "npm install (code-server)"
(cd "$STAGE" && npm install "${NPM_FLAGS[@]}") || die "npm install in code-server failed"

log "build argon2 from source"
(cd "$STAGE/node_modules/argon2" &&
  node ../@mapbox/node-pre-gyp/bin/node-pre-gyp install --build-from-source --nodedir=/usr \
    >"$STAGE/.argon2-build.log" 2>&1) ||
  { tail -n 40 "$STAGE/.argon2-build.log" >&2; die "argon2 build failed"; }

log "npm install (lib/vscode)"
(cd "$STAGE/lib/vscode" && npm install "${NPM_FLAGS[@]}") || die "npm install in lib/vscode failed"

for mod in kerberos node-pty @parcel/watcher @vscode/spdlog native-watchdog @vscode/deviceid; do
  log "node-gyp rebuild $mod"
  modlog="$STAGE/.gyp-$(tr '/@' '__' <<<"$mod").log"
  (cd "$STAGE/lib/vscode/node_modules/$mod" &&
    node "$NODE_GYP" rebuild --nodedir=/usr -j max >"$modlog" 2>&1) ||
    { tail -n 40 "$modlog" >&2; die "node-gyp rebuild of $mod failed"; }
done

# @vscode/ripgrep's own postinstall would download rg; Debian's is equivalent.
mkdir -p "$STAGE/lib/vscode/node_modules/@vscode/ripgrep/bin"
cp /usr/bin/rg "$STAGE/lib/vscode/node_modules/@vscode/ripgrep/bin/rg"

# What code-server's postinstall.sh does besides npm install: VS Code and extensions
# look for files under node_modules.asar, and the bin helpers are platform symlinks.
ln -sfn node_modules "$STAGE/lib/vscode/node_modules.asar"
ln -sfn code-linux.sh "$STAGE/lib/vscode/bin/remote-cli/code-server"
ln -sfn browser-linux.sh "$STAGE/lib/vscode/bin/helpers/browser.sh"

log "npm install (lib/vscode/extensions)"
(cd "$STAGE/lib/vscode/extensions" && npm install "${NPM_FLAGS[@]}") ||
  die "npm install in lib/vscode/extensions failed"

# Smoke test before declaring victory: the CLI must load, including argon2. The empty
# --config keeps code-server from creating ~/.config/code-server/config.yaml.
: >"$STAGE/.smoke-config.yaml"
node "$STAGE/out/node/entry.js" --config "$STAGE/.smoke-config.yaml" --version >/dev/null ||
  die "installed code-server does not start (node out/node/entry.js --version failed)"
rm -f "$STAGE/.smoke-config.yaml"
(cd "$STAGE" && node -e 'require("argon2")') || die "argon2 native module does not load"

rm -f "$STAGE"/.argon2-build.log "$STAGE"/.gyp-*.log
echo "$MARKER_CONTENT" >"$STAGE/$(basename "$MARKER")"
mv "$STAGE" "$DIR"

log "installed code-server $CS_VERSION in $DIR in $(elapsed)"
