#!/usr/bin/env bash
# A production install from a fresh clone: npm ci --omit=dev, then npm start must answer
# GET /healthz within 10 s, with no TypeScript and no dev dependency on the machine.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
pid=""
cleanup() {
  [[ -n $pid ]] && kill "$pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
git clone -q "$repo" "$work/app"
cd "$work/app"
npm ci --omit=dev --no-audit --no-fund --loglevel=error
[[ ! -e node_modules/typescript && ! -e node_modules/tsx ]] || { echo "ci: dev dependencies were installed"; exit 1; }
port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
# A forum that refuses connections: the service must still start and answer its health check.
DISCOURSE_URL=http://127.0.0.1:9 DISCOURSE_API_KEY=ci-key DISCOURSE_WEBHOOK_SECRET=ci-secret-0123456789 \
  PORT=$port DATA_DIR="$work/data" LOG_LEVEL=warn npm start --silent >"$work/start.log" 2>&1 &
pid=$!
started=$(date +%s%N)
until curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; do
  if (( ($(date +%s%N) - started) / 1000000 > 10000 )); then
    echo "ci: npm start did not answer /healthz within 10 s"; cat "$work/start.log"; exit 1
  fi
  sleep 0.2
done
echo "ci: production install answered /healthz after $(( ($(date +%s%N) - started) / 1000000 )) ms"
npx --no-install meetup-companion --version >/dev/null
