#!/usr/bin/env bash
# What one request costs the service, in CPU microseconds (user + system of its process
# over a wrk run, divided by the requests), for builds side by side: each jar in JARS
# starts anew on a fresh copy of one seeded database (SQLite, or PostgreSQL with
# DATABASE=postgresql, bench/postgres.sh), with the role key of bench/run.sh, warms up,
# and runs each scenario at CONNECTIONS; the order of the jars rotates between repeats.
# CPU per request resists a busy machine better than req/s; the 1-minute load average and
# the CPU that neither the service nor wrk used ("other cores busy") are written beside
# each row.
#
#   JARS="before=/tmp/a.jar after=target/flarekit-0.1.0-SNAPSHOT.jar" bash bench/request-cost.sh
#   PROFILE="cpu wall" PROFILE_SCENARIOS="get-user put-user" ASYNC_PROFILER=/tmp/ap/linux-x64/libasyncProfiler.so bash bench/request-cost.sh
#   python3 bench/profile-shares.py --requests bench/work/cost/*-get-user-cpu.collapsed
#
# JARS defaults to current=<the packaged jar>. Writes $WORK/cost.tsv (a row per run) and
# $WORK/cost.md (medians per jar and scenario; bench/request-cost.py).
#
# PROFILE (async-profiler events, any of cpu alloc wall lock) also records flame graphs:
# after the measured runs of each repeat in PROFILE_REPEATS (default 1), one more run of
# PROFILE_DURATION per event and scenario of PROFILE_SCENARIOS, which the numbers leave
# out: $WORK/<jar>-<scenario>-<event>.html, and .collapsed (one stack a line, for
# bench/profile-shares.py and grep); from the second repeat on, the names end in -r<repeat>.
# PROFILE_INTERVAL is the sampling interval (cpu, wall: nanoseconds; alloc: bytes).
# ASYNC_PROFILER is its linux-x64 libasyncProfiler.so, unzipped from Maven Central's
# tools.profiler:async-profiler jar (docs/benchmarks.md shows how).
#
# SEED=<a folder outside WORK> keeps the seeded SQLite database (and its admin key) there,
# and an existing one is used again instead of seeding anew. EXTRA holds arguments for
# every start, e.g. EXTRA="--management.observations.enable.spring.security=false".
set -euo pipefail
cd "$(dirname "$0")/.."

command -v wrk >/dev/null || { echo "wrk is missing. Install it with: apt-get install -y wrk" >&2; exit 1; }
JARS=${JARS:-"current=$(ls target/flarekit-*.jar | grep -v original | head -1)"}
DURATION=${DURATION:-5s}
WARMUP=${WARMUP:-15s} # per scenario: long enough for the JIT on a busy machine
REPEATS=${REPEATS:-3}
CONNECTIONS=${CONNECTIONS:-32}
SCENARIOS=${SCENARIOS:-"get-user list post-user put-user"}
USERS=${USERS:-100000}
DATABASE=${DATABASE:-sqlite}
WORK=${WORK:-bench/work/cost}
SERVICE_PORT=${SERVICE_PORT:-18480} # not run.sh's, so that both can run at once
PROFILE=${PROFILE:-}
PROFILE_SCENARIOS=${PROFILE_SCENARIOS:-$SCENARIOS}
PROFILE_DURATION=${PROFILE_DURATION:-$DURATION}
PROFILE_REPEATS=${PROFILE_REPEATS:-1}
ASYNC_PROFILER=${ASYNC_PROFILER:-}
read -r -a EXTRA_ARGS <<< "${EXTRA:-}"
case $DATABASE in
	sqlite | postgresql) ;;
	*) echo "DATABASE must be sqlite or postgresql, not $DATABASE" >&2; exit 1 ;;
esac
if [ -n "$PROFILE" ] && [ ! -f "$ASYNC_PROFILER" ]; then
	echo "PROFILE needs ASYNC_PROFILER, the path of async-profiler's libasyncProfiler.so" >&2
	exit 1
fi

rm -rf "$WORK"
mkdir -p "$WORK"
source bench/lib.sh
source bench/postgres.sh

profiler() { # command: async-profiler's, in the service (jcmd takes its options quoted)
	jcmd "$SERVICE_PID" JVMTI.agent_load "$ASYNC_PROFILER" "\"$1\"" > /dev/null
}

declare -A JAR
ORDER=()
for pair in $JARS; do
	JAR[${pair%%=*}]=${pair#*=}
	ORDER+=("${pair%%=*}")
done

# One seeded database, copied for every start
[ "$DATABASE" = sqlite ] || pg_start
seed_base "${JAR[${ORDER[0]}]}"

echo -e "repeat\tjar\tscenario\tconnections\trps\tp50_ms\tp99_ms\trequests\terrors\tcpu_us_per_request\tload1\tforeign_cores" \
	| tee "$WORK/cost.tsv"
for repeat in $(seq 1 "$REPEATS"); do
	for label in $(rotation "$repeat" "${ORDER[@]}"); do
		new_run "$repeat" "$label"
		start_jar "${JAR[$label]}" "$RUN" "${ACCESS_ARGS[@]}" "${EXTRA_ARGS[@]}"
		key=$(role_key)
		check_key "$key" "$label"
		keyset_for "$key"
		# shellcheck disable=SC2086 # the scenarios are words
		warm_up "$BASE/ids.txt" "$key" "$WARMUP" $SCENARIOS
		for scenario in $SCENARIOS; do
			measure_wrk "$scenario" "$CONNECTIONS" "$DURATION" "$BASE/ids.txt" "$key"
			python3 bench/request-cost.py row "$repeat" "$label" "$scenario" "$CONNECTIONS" "$RESULT" "$SERVICE_TICKS" \
				"$BUSY_TICKS" "$WRK_SECONDS" "$(getconf CLK_TCK)" "${DURATION%s}" "$LOAD1" | tee -a "$WORK/cost.tsv"
		done
		if [[ -n "$PROFILE" && " $PROFILE_REPEATS " == *" $repeat "* ]]; then
			for scenario in $PROFILE_SCENARIOS; do
				for event in $PROFILE; do
					out=$(realpath "$WORK")/$label-$scenario-$event$([ "$repeat" = 1 ] || echo "-r$repeat")
					profiler "start,event=$event${PROFILE_INTERVAL:+,interval=$PROFILE_INTERVAL}"
					measure_wrk "$scenario" "$CONNECTIONS" "$PROFILE_DURATION" "$BASE/ids.txt" "$key"
					profiler "dump,collapsed,file=$out.collapsed"
					profiler "stop,file=$out.html,title=$label-$scenario-$event"
					echo "Flame graph: $out.html"
				done
			done
		fi
		stop_jar
		drop_database "$RUN"
	done
done
python3 bench/request-cost.py table "$WORK/cost.tsv" | tee "$WORK/cost.md"
