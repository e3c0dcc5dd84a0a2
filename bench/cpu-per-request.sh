#!/usr/bin/env bash
# The service's CPU time per request, the measure that a busy machine disturbs least: one
# or more jars in turn, each started on a fresh copy of one seeded SQLite file (or on a
# PostgreSQL database of bench/postgres.sh), with the role key of bench/run.sh, warmed up,
# then wrk at 32 connections per scenario. Optionally profiles each scenario with
# async-profiler (PROFILER=path/to/libasyncProfiler.so; EVENTS="cpu alloc wall lock").
#
#   JARS="before=/tmp/before.jar after=target/flarekit-0.1.0-SNAPSHOT.jar" bash bench/cpu-per-request.sh
#
# Writes $WORK/cpu.tsv: jar, repeat, scenario, req/s, p50 and p99 ms, errors, CPU µs per
# request, 1-minute load average before the cell; and $WORK/<jar>-<scenario>-<event>.html
# (flame graph) and .collapsed (the same stacks as text).
set -euo pipefail
cd "$(dirname "$0")/.."

command -v wrk >/dev/null || { echo "wrk is missing. Install it with: apt-get install -y wrk" >&2; exit 1; }
JARS=${JARS:-"current=$(ls target/flarekit-*.jar | grep -v original | head -1)"}
DURATION=${DURATION:-5s}
WARMUP=${WARMUP:-3s}
REPEATS=${REPEATS:-2}
CONNECTIONS=${CONNECTIONS:-32}
SCENARIOS=${SCENARIOS:-"get-user filter-email post-user put-user"}
USERS=${USERS:-100000}
DATABASE=${DATABASE:-sqlite}
WORK=${WORK:-bench/work/cpu}
SERVICE_PORT=${SERVICE_PORT:-18080}
PROFILER=${PROFILER:-}
EVENTS=${EVENTS:-"cpu"}
JAVA_OPTS=(-Xmx1g --enable-native-access=ALL-UNNAMED)
ADMIN_KEY=bench-$(python3 -c 'import secrets; print(secrets.token_hex(24))')
ROLE=bench
RULES=(--flarekit.access.resources.users.list=role:$ROLE --flarekit.access.resources.users.read=role:$ROLE
	--flarekit.access.resources.users.create=role:$ROLE --flarekit.access.resources.users.update=role:$ROLE)

rm -rf "$WORK"
mkdir -p "$WORK"
source bench/lib.sh
source bench/postgres.sh

db_args() { # data-dir
	if [ "$DATABASE" = sqlite ]; then
		echo "--flarekit.database.path=$1/flarekit.db"
	else
		local db
		db=$(basename "$1" | tr -c 'a-z0-9\n' '_')
		echo "--spring.datasource.url=$(pg_jdbc "$db") --spring.datasource.username=postgres"
	fi
}

start() { # jar data-dir -> SERVICE_PID
	# shellcheck disable=SC2046
	FLAREKIT_SECURITY_BOOTSTRAP_ADMIN_KEY=$ADMIN_KEY java "${JAVA_OPTS[@]}" -jar "$1" --server.port=$SERVICE_PORT \
		$(db_args "$2") --flarekit.storage.blob-dir="$2/blobs" --flarekit.storage.uploads.dir="$2/uploads" \
		"${RULES[@]}" --logging.level.root=warn > "$2/service.log" 2>&1 &
	SERVICE_PID=$!
	PIDS+=("$SERVICE_PID")
	wait_for "http://localhost:$SERVICE_PORT/"
}

stop() { kill "$SERVICE_PID"; wait "$SERVICE_PID" 2>/dev/null || true; }

# One seeded database, copied for every start (SEED=folder of an earlier run's seed reuses
# its SQLite file)
[ "$DATABASE" = sqlite ] || pg_start
if [ -z "${SEED:-}" ] || [ "$DATABASE" != sqlite ]; then
	SEED=$WORK/seed
	mkdir -p "$SEED"
	[ "$DATABASE" = sqlite ] || pg_database seed
	first=${JARS%% *}
	start "${first#*=}" "$SEED"
	stop
	[ "$DATABASE" = sqlite ] && target=$SEED/flarekit.db || target=$(pg_url seed)
	python3 bench/seed.py "$target" "$SEED/blobs" "$USERS" 1 "$SEED/ids.txt" > /dev/null
	echo "$ADMIN_KEY" > "$SEED/admin-key"
fi
# the database keeps the bootstrap key of its first start
ADMIN_KEY=$(cat "$SEED/admin-key")

for repeat in $(seq 1 "$REPEATS"); do
	for entry in $JARS; do
		name=${entry%%=*} jar=${entry#*=} data=$WORK/$name-$repeat
		mkdir -p "$data"
		if [ "$DATABASE" = sqlite ]; then
			cp "$SEED/flarekit.db" "$data/"
		else
			psql -q -h localhost -p "$PG_PORT" -U postgres -d postgres -c "drop database if exists ${name}_$repeat" \
				-c "create database ${name}_$repeat template seed"
		fi
		start "$jar" "$data"
		KEY=$(role_key)
		for scenario in $SCENARIOS; do
			wrk -t 2 -c 8 -d "$WARMUP" -s bench/lua/scenario.lua "http://localhost:$SERVICE_PORT" \
				-- "$scenario" service "$SEED/ids.txt" / "$KEY" > /dev/null
		done
		for scenario in $SCENARIOS; do
			for event in ${PROFILER:+$EVENTS} none; do
				[ "$event" = none ] || jcmd "$SERVICE_PID" JVMTI.agent_load "$PROFILER" "\"start,event=$event\"" > /dev/null
				load=$(cut -d' ' -f1 /proc/loadavg)
				before=$(cpu_ticks "$SERVICE_PID")
				result=$(wrk -t 2 -c "$CONNECTIONS" -d "$DURATION" --latency -s bench/lua/scenario.lua \
					"http://localhost:$SERVICE_PORT" -- "$scenario" service "$SEED/ids.txt" / "$KEY" | grep '^RESULT' | cut -c8-)
				after=$(cpu_ticks "$SERVICE_PID")
				if [ "$event" != none ]; then # the stacks as text (for shares), then the flame graph
					jcmd "$SERVICE_PID" JVMTI.agent_load "$PROFILER" \
						"\"dump,collapsed,file=$(realpath "$WORK")/$name-$scenario-$event.collapsed\"" > /dev/null
					jcmd "$SERVICE_PID" JVMTI.agent_load "$PROFILER" \
						"\"stop,file=$(realpath "$WORK")/$name-$scenario-$event.html\"" > /dev/null
				fi
				[ "$event" = none ] || continue # profiled cells are not counted
				echo "$result" | python3 -c '
import json, sys
r = json.load(sys.stdin)
name, repeat, scenario, ticks, hz, load = sys.argv[1:]
cpu = int(ticks) / int(hz) * 1e6 / max(r["requests"], 1)
print("\t".join([name, repeat, scenario, "%.0f" % r["rps"], "%.2f" % r["p50"], "%.1f" % r["p99"], str(r["errors"]), "%.0f" % cpu, load]))
' "$name" "$repeat" "$scenario" "$((after - before))" "$(getconf CLK_TCK)" "$load" | tee -a "$WORK/cpu.tsv"
			done
		done
		stop
	done
done
