# A PostgreSQL server for bench/run.sh and bench/request-cost.sh (DATABASE=postgresql): Debian's PostgreSQL in a
# cluster of the run's own, under bench/work, on loopback. Sourced, not run. Needs WORK
# and PIDS (bench/lib.sh).
#
#   apt-get install -y postgresql   (Debian's package: the server binaries and the postgres user)

PG_PORT=${PG_PORT:-15432}

pg_bin() {
	local bin
	bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
	if [ -z "$bin" ]; then
		echo "PostgreSQL is missing. Install it with: apt-get install -y postgresql" >&2
		exit 1
	fi
	echo "$bin"
}

pg_as_owner() { # command...: PostgreSQL refuses to run as root
	if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_start() { # -> a server on PG_PORT with the data in $WORK/pg, stopped on exit
	local bin
	bin=$(pg_bin)
	mkdir -p "$WORK/pg"
	[ "$(id -u)" = 0 ] && chown postgres "$WORK/pg"
	pg_as_owner "$bin/initdb" -D "$WORK/pg/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 > "$WORK/pg/initdb.log"
	# the same durability as the defaults; a pool of 10 per process, as the service's and the floor's
	pg_as_owner "$bin/pg_ctl" -D "$WORK/pg/data" -l "$WORK/pg/server.log" -w \
		-o "-p $PG_PORT -k /tmp -c listen_addresses=localhost -c shared_buffers=256MB" start > /dev/null
	trap 'pg_as_owner "$(pg_bin)/pg_ctl" -D "$WORK/pg/data" -m fast stop > /dev/null; cleanup' EXIT
}

pg_sql() { PGOPTIONS='-c client_min_messages=warning' psql -q -h localhost -p "$PG_PORT" -U postgres -d postgres -c "$1"; } # statement
pg_drop() { pg_sql "drop database if exists $1"; } # name
pg_database() { pg_drop "$1" && pg_sql "create database $1${2:+ template $2}"; } # name [template] -> empty, or a copy

pg_url() { echo "postgresql://postgres@localhost:$PG_PORT/$1"; }     # name -> for psql and seed.py
pg_jdbc() { echo "jdbc:postgresql://localhost:$PG_PORT/$1"; }       # name -> for the service and the floor
