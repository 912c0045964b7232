#!/usr/bin/env bash
# Starts the platform with the current environment, runs the README's first query through the
# gateway with a demo token, and stops it. Used by CI for the MySQL/Redis start path.
set -euo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
node scripts/dist/start.js >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 1 120); do grep -q 'Ctrl-C stops' "$log" && break; kill -0 $pid 2>/dev/null || { cat "$log"; exit 1; }; sleep 0.5; done
grep -q 'Ctrl-C stops' "$log" || { cat "$log"; echo "platform did not start"; exit 1; }
grep -E 'up in|GraphQL gateway' "$log"
port=${GATEWAY_PORT:-4000}
code=$(grep 'Demo subject' "$log" | awk '{print $3}')
token=$(grep -A1 '^  SUBJECT' "$log" | tail -1 | tr -d ' ')
answer=$(curl -sf "http://127.0.0.1:${port}/graphql" -H 'content-type: application/json' -H "authorization: Bearer ${token}" \
  -d "{\"query\":\"{ subject(creditCode: \\\"${code}\\\") { name kind regionCode } domains { code } }\"}")
echo "$answer" | head -c 300; echo
echo "$answer" | grep -q '"kind":"ENTERPRISE"' || { echo "unexpected answer"; exit 1; }
# The token command mints what the services accept.
lead=$(node scripts/dist/token.js --role LEAD_DEPARTMENT | tail -1)
listed=$(curl -sf "http://127.0.0.1:${port}/graphql" -H 'content-type: application/json' -H "authorization: Bearer ${lead}" \
  -d '{"query":"{ subjects(first: 3) { edges { node { creditCode } } } }"}')
echo "$listed" | grep -q '"creditCode"' || { echo "token command: unexpected answer $listed"; exit 1; }
# The benchmark command runs end to end (short smoke mode: it only has to complete without errors).
if [ "${SMOKE_BENCH:-1}" = "1" ]; then node scripts/dist/bench/bench.js --smoke; fi
echo "smoke ok"
