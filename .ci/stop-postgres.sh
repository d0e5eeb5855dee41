#!/usr/bin/env bash
# Stops the PostgreSQL started by start-postgres.sh and removes its folder.
set -u
dir=$(cat "${PGTMP_FILE:-/tmp/cbmex-pg.last}" 2>/dev/null) || exit 0
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
as_pg=(); [ "$(id -u)" = 0 ] && as_pg=(runuser -u postgres --)
"${as_pg[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1
rm -rf "$dir"
