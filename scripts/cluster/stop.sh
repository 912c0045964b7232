#!/usr/bin/env bash
# `pnpm cluster:stop`: stops everything `pnpm cluster:start` started (by the pids it recorded) and
# removes its state, so the next start is a fresh cluster.
set -uo pipefail
cd "$(dirname "$0")/../.."
DIR=${CLUSTER_DIR:-$PWD/.cluster}
[ -d "$DIR" ] || { echo "no cluster in $DIR"; exit 0; }
gone() { ! kill -0 "$1" 2>/dev/null; }
stop_pid() { # pidfile [signal]
  [ -f "$1" ] || return 0
  local pid
  pid=$(cat "$1")
  [ -n "$pid" ] || return 0
  kill -"${2:-TERM}" "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 100); do gone "$pid" && return 0; sleep 0.2; done
  kill -KILL "$pid" 2>/dev/null || true
}
# The supervisors stop their services on SIGTERM.
for n in a b; do
  [ -f "$DIR/platform-$n.pid" ] && kill -TERM -- "-$(cat "$DIR/platform-$n.pid")" 2>/dev/null
  stop_pid "$DIR/platform-$n.pid"
done
# Services a killed supervisor left behind: on this cluster's ports and run from this checkout only.
for p in 5101 5102 5111 5112 5121 5122 5131 5132 5141 5142; do
  for pid in $(ss -ltnpH "sport = :$p" 2>/dev/null | grep -o 'pid=[0-9]*' | cut -d= -f2); do
    [ "$(readlink "/proc/$pid/cwd")" = "$PWD" ] && kill -KILL "$pid" 2>/dev/null
  done
done
stop_pid "$DIR/haproxy.pid"
for p in 7101 7102 7103 7104 7105 7106; do stop_pid "$DIR/redis$p/redis.pid"; done
for i in 1 2 3; do stop_pid "$DIR/galera$i/mysqld.pid"; done
rm -rf "$DIR"
echo "cluster stopped"
