#!/bin/bash
# Runs once, when the MySQL data volume is first initialised (mounted at /docker-entrypoint-initdb.d):
# the platform's two accounts. credit_migrate owns the credit_* schemas (DDL, migrations) and grants
# credit_app, the services' account, per table what it needs: never UPDATE or DELETE on the audit tables,
# never DDL (shared/src/db/accounts.ts, run by the compose `migrate` job). `pnpm start` does the same.
set -euo pipefail
: "${MYSQL_APP_PASSWORD:?}" "${MYSQL_MIGRATE_PASSWORD:?}"
mysql --protocol=socket -uroot -p"${MYSQL_ROOT_PASSWORD}" <<SQL
CREATE USER IF NOT EXISTS 'credit_migrate'@'%' IDENTIFIED BY '${MYSQL_MIGRATE_PASSWORD}';
GRANT ALL PRIVILEGES ON \`credit\\_%\`.* TO 'credit_migrate'@'%' WITH GRANT OPTION;
CREATE USER IF NOT EXISTS 'credit_app'@'%' IDENTIFIED BY '${MYSQL_APP_PASSWORD}';
SQL
