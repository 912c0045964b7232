#!/usr/bin/env bash
# CI's cluster pass (.ci/run): start the cluster, run the correctness checks and the e2e subset
# against its gateway, then the fault suite (it kills nodes, so it runs last), and always stop it.
#
# The e2e subset: the files that need nothing but the gateway URL and tokens and that do not assume
# an empty, unseeded database (the cluster's one database is seeded with the demo and shared by
# every file). The others start subgraphs with per-file settings, stop subgraphs in-process, read
# p.env / p.subgraphs, or count rows a seeded database already has.
set -euo pipefail
cd "$(dirname "$0")/../.."
E2E_ON_CLUSTER=(tests/e2e/accessLog.test.ts tests/e2e/catalogue.test.ts tests/e2e/guides.test.ts)
trap 'bash scripts/cluster/stop.sh' EXIT
bash scripts/cluster/start.sh
set -a
# shellcheck disable=SC1091
. .cluster/env
set +a
# One file at a time: the fault suite must not kill nodes under the others.
npx jest --runInBand tests/cluster/cluster.test.ts "${E2E_ON_CLUSTER[@]}"
npx jest --runInBand tests/cluster/faults.test.ts
cat .cluster/fault-table.md
