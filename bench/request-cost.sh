#!/usr/bin/env bash
# What one request costs the service, in CPU microseconds (user + system of its process
# over a wrk run, divided by the requests), for builds side by side: each jar in JARS
# starts anew on a fresh copy of one seeded database, with the role key run.sh uses,
# warms up, and runs each scenario at CONNECTIONS; the order of the jars rotates between
# repeats. CPU per request resists a busy machine better than req/s; the 1-minute load
# average and the CPU that neither the service nor wrk used are written beside each row.
#
#   JARS="before=/tmp/a.jar after=target/flarekit-0.1.0-SNAPSHOT.jar" bash bench/request-cost.sh
#   PROFILE=cpu PROFILE_SCENARIOS="get-user put-user" JARS="x=target/flarekit-0.1.0-SNAPSHOT.jar" bash bench/request-cost.sh
#
# PROFILE (cpu, alloc or wall) also records an async-profiler flame graph of each jar
# during one more run (PROFILE_DURATION) of each of PROFILE_SCENARIOS ($WORK/<label>-<scenario>-<event>.html, and
# .collapsed: one stack a line, for grep);
# PROFILE_INTERVAL its sampling interval (cpu: nanoseconds, alloc: bytes); ASYNC_PROFILER is its linux-x64 libasyncProfiler.so (unzipped from Maven Central's
# tools.profiler:async-profiler jar). EXTRA holds arguments for every start, e.g.
# EXTRA="--management.observations.enable.spring.security=false".
set -euo pipefail
cd "$(dirname "$0")/.."

command -v wrk >/dev/null || { echo "wrk is missing. Install it with: apt-get install -y wrk" >&2; exit 1; }
: "${JARS:?set JARS to label=path pairs}"
DURATION=${DURATION:-5s}
WARMUP=${WARMUP:-15s} # per scenario: long enough for the JIT on a busy machine
REPEATS=${REPEATS:-3}
CONNECTIONS=${CONNECTIONS:-32}
SCENARIOS=${SCENARIOS:-"get-user list post-user put-user"}
USERS=${USERS:-100000}
WORK=${WORK:-bench/work/cost}
SERVICE_PORT=${SERVICE_PORT:-18480} # not run.sh's, so that both can run at once
PROFILE=${PROFILE:-}
PROFILE_SCENARIOS=${PROFILE_SCENARIOS:-get-user}
PROFILE_DURATION=${PROFILE_DURATION:-10s}
ASYNC_PROFILER=${ASYNC_PROFILER:-}
read -r -a EXTRA_ARGS <<< "${EXTRA:-}"
JAVA_OPTS=(-Xmx1g --enable-native-access=ALL-UNNAMED)
ADMIN_KEY=bench-$(python3 -c 'import secrets; print(secrets.token_hex(24))')
ROLE=bench
RULES=(--flarekit.access.resources.users.list=role:$ROLE --flarekit.access.resources.users.read=role:$ROLE
	--flarekit.access.resources.users.create=role:$ROLE --flarekit.access.resources.users.update=role:$ROLE)

rm -rf "$WORK"
mkdir -p "$WORK"
source bench/lib.sh

start() { # jar data-dir -> SERVICE_PID
	FLAREKIT_SECURITY_BOOTSTRAP_ADMIN_KEY=$ADMIN_KEY java "${JAVA_OPTS[@]}" -jar "$1" --server.port=$SERVICE_PORT \
		--flarekit.database.path="$2/flarekit.db" --flarekit.storage.blob-dir="$2/blobs" \
		--flarekit.storage.uploads.dir="$2/uploads" --logging.level.root=warn "${RULES[@]}" "${EXTRA_ARGS[@]}" \
		> "$2/service.log" 2>&1 &
	SERVICE_PID=$!
	PIDS+=("$SERVICE_PID")
	wait_for "http://localhost:$SERVICE_PORT/"
}
stop() { kill "$SERVICE_PID"; wait "$SERVICE_PID" 2>/dev/null || true; }
busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; }
load_wrk() { # scenario key duration -> wrk's RESULT line
	wrk -t 2 -c "$CONNECTIONS" -d "$3" --latency -s bench/lua/scenario.lua "http://localhost:$SERVICE_PORT" \
		-- "$1" service "$BASE/ids.txt" / "$2" | grep '^RESULT' | cut -c8-
}

declare -A JAR
ORDER=()
for pair in $JARS; do
	JAR[${pair%%=*}]=${pair#*=}
	ORDER+=("${pair%%=*}")
done

BASE=$WORK/base
mkdir -p "$BASE"
start "${JAR[${ORDER[0]}]}" "$BASE"
stop
python3 bench/seed.py "$BASE/flarekit.db" "$BASE/blobs" "$USERS" 1 "$BASE/ids.txt" > /dev/null

echo -e "repeat\tjar\tscenario\tconnections\trps\tp99_ms\trequests\terrors\tcpu_us_per_request\tload1\tforeign_cores" \
	| tee "$WORK/cost.tsv"
for repeat in $(seq 1 "$REPEATS"); do
	for i in "${!ORDER[@]}"; do
		label=${ORDER[$(((i + repeat - 1) % ${#ORDER[@]}))]}
		RUN=$WORK/run-$repeat-$label
		mkdir -p "$RUN"
		cp "$BASE"/flarekit.db* "$RUN"/
		start "${JAR[$label]}" "$RUN"
		key=$(role_key)
		code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $key" "http://localhost:$SERVICE_PORT/users?range=%5B0,0%5D")
		[ "$code" = 200 ] || { echo "$label: GET /users answered $code" >&2; exit 1; }
		for scenario in $SCENARIOS; do
			load_wrk "$scenario" "$key" "$WARMUP" > /dev/null
		done
		for scenario in $SCENARIOS; do
			load=$(cut -d' ' -f1 /proc/loadavg)
			b0=$(busy_ticks)
			s0=$(cpu_ticks "$SERVICE_PID")
			result=$(load_wrk "$scenario" "$key" "$DURATION")
			s1=$(cpu_ticks "$SERVICE_PID")
			b1=$(busy_ticks)
			python3 bench/request-cost.py row "$repeat" "$label" "$scenario" "$CONNECTIONS" "$result" "$((s1 - s0))" \
				"$((b1 - b0))" "$(getconf CLK_TCK)" "${DURATION%s}" "$load" | tee -a "$WORK/cost.tsv"
		done
		if [ -n "$PROFILE" ] && [ "$repeat" = 1 ]; then
			for scenario in $PROFILE_SCENARIOS; do
				out=$(realpath "$WORK")/$label-$scenario-$PROFILE.html
				java bench/AgentLoad.java "$SERVICE_PID" "$ASYNC_PROFILER" "start,event=$PROFILE${PROFILE_INTERVAL:+,interval=$PROFILE_INTERVAL}"
				load_wrk "$scenario" "$key" "$PROFILE_DURATION" > /dev/null
				java bench/AgentLoad.java "$SERVICE_PID" "$ASYNC_PROFILER" "dump,file=${out%.html}.collapsed"
				java bench/AgentLoad.java "$SERVICE_PID" "$ASYNC_PROFILER" "stop,file=$out,title=$label-$scenario-$PROFILE"
				echo "Flame graph: $out"
			done
		fi
		stop
		rm -rf "$RUN"
	done
done
python3 bench/request-cost.py table "$WORK/cost.tsv" | tee "$WORK/cost.md"
