#!/usr/bin/env bash
# `pnpm cluster:start`: the platform on distributed engines on this one machine (root on Debian).
#   MariaDB Galera, 3 nodes  SQL 3321-3323, group communication 4571-4573, IST 4581-4583, SST 4591-4593
#   HAProxy                  3320 the single writer (first healthy node, sticky), 3319 readers (all nodes),
#                            5100 gateway, 5110/5120/5130/5140 entities/records/reports/objections, 5199 stats
#   Redis Cluster            7101-7106: 3 masters + 3 replicas
#   the platform, twice      supervisor A: gateway 5101, subgraphs 5111/5121/5131/5141
#                            supervisor B: gateway 5102, subgraphs 5112/5122/5132/5142
# Every service reaches the others through HAProxy, so each call may land on either replica.
# State lives in $CLUSTER_DIR (default .cluster/ in the checkout); `pnpm cluster:stop` ends it all.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
DIR=${CLUSTER_DIR:-$ROOT/.cluster}
mkdir -p "$DIR/logs"
log() { printf '[cluster %s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }
t0=$(date +%s)

if [ -f "$DIR/running" ]; then
  echo "a cluster is already running from $DIR (pnpm cluster:stop first)"
  exit 1
fi

need=()
command -v haproxy >/dev/null || need+=(haproxy)
command -v redis-server >/dev/null || need+=(redis-server)
command -v rsync >/dev/null || need+=(rsync)
[ -f /usr/lib/galera/libgalera_smm.so ] || need+=(galera-4)
command -v mariadbd >/dev/null || need+=(mariadb-server)
if [ ${#need[@]} -gt 0 ]; then
  log "installing ${need[*]}"
  apt-get install -y "${need[@]}" >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y "${need[@]}" >/dev/null; }
fi
# Debian's packages start their own haproxy/redis on install; ours are separate processes.

touch "$DIR/running"

# --- MariaDB Galera -------------------------------------------------------------------------------
GCOMM="gcomm://127.0.0.1:4571,127.0.0.1:4572,127.0.0.1:4573"
for i in 1 2 3; do
  d="$DIR/galera$i"
  mkdir -p "$d/data"
  cat >"$d/my.cnf" <<EOF
[mariadbd]
user=mysql
datadir=$d/data
socket=$d/mysqld.sock
pid-file=$d/mysqld.pid
log-error=$d/error.log
port=332$i
bind-address=127.0.0.1
skip-name-resolve=OFF
character-set-server=utf8mb4
collation-server=utf8mb4_unicode_ci
innodb_buffer_pool_size=128M
innodb_log_file_size=48M
innodb_flush_log_at_trx_commit=2
innodb_autoinc_lock_mode=2
binlog_format=ROW
default_storage_engine=InnoDB
local_infile=ON
log_bin_trust_function_creators=ON
max_connections=400
# Reads on any node see every write committed before them (DB_REPLICA_URLS reads after a write).
wsrep_sync_wait=1
wsrep_on=ON
wsrep_provider=/usr/lib/galera/libgalera_smm.so
wsrep_cluster_name=credit_cluster
wsrep_cluster_address=$GCOMM
wsrep_node_name=galera$i
wsrep_node_address=127.0.0.1:457$i
wsrep_node_incoming_address=127.0.0.1:332$i
wsrep_sst_method=rsync
wsrep_sst_receive_address=127.0.0.1:459$i
wsrep_slave_threads=2
# A killed node is declared gone after ~2-3 s instead of the default 5-15 s.
wsrep_provider_options="gmcast.listen_addr=tcp://127.0.0.1:457$i;ist.recv_addr=127.0.0.1:458$i;gcache.size=128M;evs.keepalive_period=PT0.5S;evs.inactive_check_period=PT0.5S;evs.suspect_timeout=PT2S;evs.inactive_timeout=PT4S;evs.install_timeout=PT4S"
EOF
done
chown -R mysql:mysql "$DIR"/galera*
chmod 755 "$DIR"

if [ ! -d "$DIR/galera1/data/mysql" ]; then
  log "initialising galera1"
  mariadb-install-db --defaults-file="$DIR/galera1/my.cnf" --auth-root-authentication-method=normal \
    --skip-test-db >"$DIR/logs/install.log" 2>&1
fi
start_node() { # i [extra args]
  local i=$1
  shift
  start-stop-daemon --start --background --pidfile "$DIR/galera$i/mysqld.pid" \
    --exec /usr/sbin/mariadbd -- --defaults-file="$DIR/galera$i/my.cnf" "$@"
}
synced() { [ "$(mysql -h127.0.0.1 -P"332$1" -uroot -N -e "SHOW STATUS LIKE 'wsrep_local_state'" 2>/dev/null | awk '{print $2}')" = 4 ]; }
wait_synced() {
  for _ in $(seq 1 180); do synced "$1" && return 0; sleep 1; done
  log "galera$1 did not reach Synced"
  tail -30 "$DIR/galera$1/error.log"
  return 1
}
log "bootstrapping galera1 (new cluster)"
start_node 1 --wsrep-new-cluster
wait_synced 1
for i in 2 3; do
  log "joining galera$i (state transfer by rsync)"
  start_node "$i"
  wait_synced "$i"
done
log "Galera: $(mysql -h127.0.0.1 -P3321 -uroot -N -e "SHOW STATUS LIKE 'wsrep_cluster_size'" | awk '{print $2}') nodes synced"

# --- Redis Cluster --------------------------------------------------------------------------------
REDIS_NODES=()
for p in 7101 7102 7103 7104 7105 7106; do
  d="$DIR/redis$p"
  rm -rf "$d" && mkdir -p "$d"
  redis-server --port "$p" --bind 127.0.0.1 --dir "$d" --daemonize yes --pidfile "$d/redis.pid" \
    --logfile "$DIR/logs/redis$p.log" --cluster-enabled yes --cluster-config-file nodes.conf \
    --cluster-node-timeout 2000 --save "" --appendonly no
  REDIS_NODES+=("127.0.0.1:$p")
done
for p in 7101 7102 7103 7104 7105 7106; do
  for _ in $(seq 1 50); do redis-cli -p "$p" ping >/dev/null 2>&1 && break; sleep 0.1; done
done
redis-cli --cluster create "${REDIS_NODES[@]}" --cluster-replicas 1 --cluster-yes >"$DIR/logs/redis-create.log"
for _ in $(seq 1 60); do
  redis-cli -p 7101 cluster info | grep -q 'cluster_state:ok' && break
  sleep 0.5
done
log "Redis Cluster: $(redis-cli -p 7101 cluster info | grep cluster_state | tr -d '\r')"

# --- HAProxy --------------------------------------------------------------------------------------
cat >"$DIR/galera-check.sh" <<'EOF'
#!/bin/sh
# HAProxy external check: a node takes traffic only when Galera says Synced (4), not while joining.
state=$(mysql -h127.0.0.1 -P"$4" -uroot -N --connect-timeout=1 -e "SHOW STATUS LIKE 'wsrep_local_state'" 2>/dev/null | awk '{print $2}')
[ "$state" = 4 ]
EOF
chmod +x "$DIR/galera-check.sh"
svc() { # name frontend-port port-a port-b
  cat <<EOF

frontend $1
  mode http
  bind 127.0.0.1:$2
  default_backend $1
backend $1
  mode http
  balance roundrobin
  option httpchk GET /health/ready
  # A request that never reached a replica (refused: it was killed) goes to the other one.
  retries 3
  option redispatch 1
  retry-on conn-failure
  default-server inter 500ms fall 2 rise 2
  server a 127.0.0.1:$3 check
  server b 127.0.0.1:$4 check
EOF
}
{
  cat <<EOF
global
  pidfile $DIR/haproxy.pid
  stats socket $DIR/haproxy.sock mode 600 level admin
  daemon
  insecure-fork-wanted
  external-check
  maxconn 4000
  log stdout format raw local0 err

defaults
  timeout connect 2s
  timeout client 300s
  timeout server 300s
  timeout check 2s

listen stats
  mode http
  bind 127.0.0.1:5199
  stats enable
  stats uri /

# One writer at a time: the first healthy node; the stick table keeps writes on the node that took
# them after it fails and comes back, so two nodes never take writes at once (no certification storms).
listen galera_writer
  mode tcp
  bind 127.0.0.1:3320
  # Pooled connections sit idle for long; the servers' wait_timeout decides, not the proxy.
  timeout client 8h
  timeout server 8h
  retries 2
  option redispatch 1
  option external-check
  external-check command $DIR/galera-check.sh
  external-check path "/usr/bin:/bin"
  stick-table type integer size 1
  stick on int(1)
  default-server inter 500ms fall 2 rise 3 on-marked-down shutdown-sessions
  server galera1 127.0.0.1:3321 check
  server galera2 127.0.0.1:3322 check backup
  server galera3 127.0.0.1:3323 check backup

listen galera_readers
  mode tcp
  bind 127.0.0.1:3319
  timeout client 8h
  timeout server 8h
  retries 2
  option redispatch 1
  balance leastconn
  option external-check
  external-check command $DIR/galera-check.sh
  external-check path "/usr/bin:/bin"
  default-server inter 500ms fall 2 rise 3 on-marked-down shutdown-sessions
  server galera1 127.0.0.1:3321 check
  server galera2 127.0.0.1:3322 check
  server galera3 127.0.0.1:3323 check
EOF
  svc gateway 5100 5101 5102
  svc entities 5110 5111 5112
  svc records 5120 5121 5122
  svc reports 5130 5131 5132
  svc objections 5140 5141 5142
} >"$DIR/haproxy.cfg"
haproxy -c -q -f "$DIR/haproxy.cfg"
haproxy -f "$DIR/haproxy.cfg" >"$DIR/logs/haproxy.log" 2>&1
for _ in $(seq 1 30); do mysql -h127.0.0.1 -P3320 -uroot -N -e 'SELECT 1' >/dev/null 2>&1 && break; sleep 0.5; done
log "HAProxy: writer $(mysql -h127.0.0.1 -P3320 -uroot -N -e 'SELECT @@wsrep_node_name')"

# --- the platform, twice --------------------------------------------------------------------------
PREFIX=${CLUSTER_DB:-credit}
mkdir -p "$DIR/data"
# Both supervisors create/keep the same two accounts (start.js reads these passwords); the readers'
# URL needs the services' password up front.
if [ ! -f "$DIR/data/mysql-accounts.json" ]; then
  app=$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')
  mig=$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')
  printf '{"appPassword":"%s","migratePassword":"%s"}' "$app" "$mig" >"$DIR/data/mysql-accounts.json"
fi
APP_PW=$(node -e "process.stdout.write(require('$DIR/data/mysql-accounts.json').appPassword)")
common_env=(
  DB_URL="mysql://root@127.0.0.1:3320/$PREFIX"
  DB_REPLICA_URLS="mysql://${PREFIX}_app:${APP_PW}@127.0.0.1:3319/$PREFIX"
  REDIS_CLUSTER_NODES="redis://127.0.0.1:7101,redis://127.0.0.1:7102,redis://127.0.0.1:7103"
  ENTITIES_URL=http://127.0.0.1:5110/graphql
  RECORDS_URL=http://127.0.0.1:5120/graphql
  REPORTS_URL=http://127.0.0.1:5130/graphql
  OBJECTIONS_URL=http://127.0.0.1:5140/graphql
  PUBLIC_BASE_URL=http://127.0.0.1:5100
  DATA_DIR="$DIR/data"
  CACHE_PREFIX="$PREFIX-cluster"
  LOG_LEVEL=warn
  RATE_LIMIT_PER_PRINCIPAL=${RATE_LIMIT_PER_PRINCIPAL:-1000000}
  RATE_LIMIT_ANONYMOUS_PER_IP=${RATE_LIMIT_ANONYMOUS_PER_IP:-1000000}
)
supervise() { # name gateway-port first-subgraph-port seed
  local n=$1 g=$2 s=$3
  # A daemon (own session), so it outlives the shell that started it, as the engines do.
  start-stop-daemon --start --background --make-pidfile --pidfile "$DIR/platform-$n.pid" --chdir "$ROOT" \
    --output "$DIR/logs/platform-$n.log" --exec /usr/bin/env -- "${common_env[@]}" SEED_DEMO="$4" \
    GATEWAY_PORT="$g" ENTITIES_PORT="$s" RECORDS_PORT=$((s + 10)) REPORTS_PORT=$((s + 20)) \
    OBJECTIONS_PORT=$((s + 30)) PATH="$PATH" "$(command -v node)" scripts/dist/start.js
  for _ in $(seq 1 600); do
    grep -q 'Ctrl-C stops' "$DIR/logs/platform-$n.log" && return 0
    kill -0 "$(cat "$DIR/platform-$n.pid")" 2>/dev/null || break
    sleep 0.5
  done
  cat "$DIR/logs/platform-$n.log"
  log "platform $n did not start"
  return 1
}
[ -f scripts/dist/start.js ] || pnpm -s build
log "starting platform replica A (migrates, seeds the demo)"
supervise a 5101 5111 true
log "starting platform replica B"
supervise b 5102 5112 false
for _ in $(seq 1 60); do curl -sf http://127.0.0.1:5100/health/ready >/dev/null && break; sleep 0.5; done

cat >"$DIR/env" <<EOF
CLUSTER_GATEWAY_URL=http://127.0.0.1:5100/graphql
CLUSTER_DIR=$DIR
CLUSTER_DB_ADMIN_URL=mysql://root@127.0.0.1:3320/$PREFIX
CLUSTER_DB_PREFIX=$PREFIX
EOF
log "up in $(($(date +%s) - t0)) s"
echo "Gateway: http://127.0.0.1:5100/graphql   (HAProxy stats: http://127.0.0.1:5199/)"
echo "Tests against it: set -a; . $DIR/env; set +a"
