#!/usr/bin/env bash
# Starts a throwaway PostgreSQL on a free loopback port and prints its URL.
# The server runs as the 'postgres' system user (PostgreSQL refuses root).
# Stop it with: .ci/stop-postgres.sh (reads the folder from $PGTMP_FILE).
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$bin/initdb" ] || { echo "PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }
dir=$(mktemp -d /tmp/cbmex-pg.XXXXXX)
port=""
for p in $(seq 55432 55532); do
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then port=$p; break; fi
done
[ -n "$port" ] || { echo "no free port for PostgreSQL" >&2; exit 1; }
as_pg=()
if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; as_pg=(runuser -u postgres --); fi
"${as_pg[@]}" "$bin/initdb" -D "$dir/data" -A trust -U cbmex --no-sync -E UTF8 >"$dir/initdb.log"
"${as_pg[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o \
  "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
  start >/dev/null
"${as_pg[@]}" "$bin/createdb" -h 127.0.0.1 -p "$port" -U cbmex cbmex_test
echo "$dir" > "${PGTMP_FILE:-/tmp/cbmex-pg.last}"
echo "postgres://cbmex@127.0.0.1:$port/cbmex_test?sslmode=disable"
