#!/usr/bin/env bash
# One node of the running cluster (the fault suite's hands):
#   node.sh galera-writer         the index (1-3) of the Galera node HAProxy sends writes to
#   node.sh galera-kill N         kill -9 Galera node N
#   node.sh galera-start N        start node N again; it rejoins (IST) and is waited for until Synced
#   node.sh redis-master          the port of a Redis Cluster master
#   node.sh redis-kill PORT       kill -9 that Redis node
#   node.sh redis-start PORT      start it again (it rejoins as a replica of whoever took its slots)
set -euo pipefail
cd "$(dirname "$0")/../.."
DIR=${CLUSTER_DIR:-$PWD/.cluster}
case "$1" in
  galera-writer)
    mysql -h127.0.0.1 -P3320 -uroot -N -e 'SELECT @@wsrep_node_name' | sed 's/galera//'
    ;;
  galera-kill)
    kill -KILL "$(cat "$DIR/galera$2/mysqld.pid")"
    ;;
  galera-start)
    start-stop-daemon --start --background --pidfile "$DIR/galera$2/mysqld.pid" \
      --exec /usr/sbin/mariadbd -- --defaults-file="$DIR/galera$2/my.cnf"
    for _ in $(seq 1 300); do
      # Synced, and HAProxy's check has seen it: it may take writes again from here on.
      curl -s 'http://127.0.0.1:5199/;csv' | grep -q "^galera_writer,galera$2,.*,UP," && exit 0
      sleep 0.5
    done
    echo "galera$2 did not rejoin" >&2
    exit 1
    ;;
  redis-master)
    for p in 7101 7102 7103 7104 7105 7106; do
      redis-cli -p "$p" role 2>/dev/null | head -1 | grep -q master && { echo "$p"; exit 0; }
    done
    exit 1
    ;;
  redis-kill)
    kill -KILL "$(cat "$DIR/redis$2/redis.pid")"
    ;;
  redis-start)
    redis-server --port "$2" --bind 127.0.0.1 --dir "$DIR/redis$2" --daemonize yes --pidfile "$DIR/redis$2/redis.pid" \
      --logfile "$DIR/logs/redis$2.log" --cluster-enabled yes --cluster-config-file nodes.conf \
      --cluster-node-timeout 2000 --save "" --appendonly no
    for _ in $(seq 1 100); do
      redis-cli -p "$2" cluster info 2>/dev/null | grep -q 'cluster_state:ok' && exit 0
      sleep 0.2
    done
    exit 1
    ;;
  *)
    echo "usage: node.sh galera-writer|galera-kill N|galera-start N|redis-master|redis-kill PORT|redis-start PORT" >&2
    exit 2
    ;;
esac
