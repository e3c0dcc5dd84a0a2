#!/usr/bin/env bash
# Two builds compared while both run: each starts on its own copy of one seeded database
# (SQLite, or PostgreSQL with DATABASE=postgresql), with the role key of bench/run.sh, and
# warms up; then every scenario runs in short bursts at CONNECTIONS, first on one and then
# on the other, the order swapped each round. On this kind of machine the same build's CPU
# per request moves by up to a factor of 2 from one minute to the next (docs/benchmarks.md);
# bursts a few seconds apart share that drift, so the ratio of a round's two bursts
# resolves what separate runs cannot.
#
#   JARS="before=/tmp/a.jar after=target/flarekit-0.1.0-SNAPSHOT.jar" SCENARIOS="get-user filter-email" bash bench/ab.sh
#
# Writes $WORK/cost.tsv (a row per burst, as bench/request-cost.sh) and $WORK/ab.md: the
# medians per jar and the paired ratios (bench/request-cost.py pairs). SEED, EXTRA, USERS
# and DATABASE as in bench/request-cost.sh. OPTS_<name> adds JVM options to one build's
# start, so that one jar can be compared with itself under other options:
#
#   JARS="g1=target/flarekit-0.1.0-SNAPSHOT.jar serial=target/flarekit-0.1.0-SNAPSHOT.jar" OPTS_serial=-XX:+UseSerialGC bash bench/ab.sh
set -euo pipefail
cd "$(dirname "$0")/.."

command -v wrk >/dev/null || { echo "wrk is missing. Install it with: apt-get install -y wrk" >&2; exit 1; }
JARS=${JARS:?"JARS=\"name=jar name=jar\": the two builds"}
SCENARIOS=${SCENARIOS:-"get-user filter-email post-user put-user"}
ROUNDS=${ROUNDS:-8}
BURST=${BURST:-3s}
WARMUP=${WARMUP:-20s}
CONNECTIONS=${CONNECTIONS:-32}
USERS=${USERS:-100000}
DATABASE=${DATABASE:-sqlite}
WORK=${WORK:-bench/work/ab}
PORTS=(18491 18492)
read -r -a EXTRA_ARGS <<< "${EXTRA:-}"

rm -rf "$WORK"
mkdir -p "$WORK"
SERVICE_PORT=${PORTS[0]}
source bench/lib.sh
source bench/postgres.sh

declare -A JAR PID PORT KEY
ORDER=()
for pair in $JARS; do
	JAR[${pair%%=*}]=${pair#*=}
	ORDER+=("${pair%%=*}")
done
[ ${#ORDER[@]} = 2 ] || { echo "JARS names two builds, not ${#ORDER[@]}" >&2; exit 1; }

[ "$DATABASE" = sqlite ] || pg_start
seed_base "${JAR[${ORDER[0]}]}"

for i in 0 1; do
	label=${ORDER[$i]}
	SERVICE_PORT=${PORTS[$i]}
	new_run 0 "$label"
	options="OPTS_$label"
	read -r -a own_options <<< "${!options:-}"
	JAVA_OPTS_SHARED=("${JAVA_OPTS[@]}")
	JAVA_OPTS+=("${own_options[@]}")
	start_jar "${JAR[$label]}" "$RUN" "${ACCESS_ARGS[@]}" "${EXTRA_ARGS[@]}"
	JAVA_OPTS=("${JAVA_OPTS_SHARED[@]}")
	PID[$label]=$SERVICE_PID
	PORT[$label]=$SERVICE_PORT
	KEY[$label]=$(role_key)
	check_key "${KEY[$label]}" "$label"
	keyset_for "${KEY[$label]}"
	# shellcheck disable=SC2086 # the scenarios are words
	warm_up "$BASE/ids.txt" "${KEY[$label]}" "$WARMUP" $SCENARIOS
done

echo -e "repeat\tjar\tscenario\tconnections\trps\tp50_ms\tp99_ms\trequests\terrors\tcpu_us_per_request\tload1\tforeign_cores" \
	| tee "$WORK/cost.tsv"
for scenario in $SCENARIOS; do
	for round in $(seq 1 "$ROUNDS"); do
		for label in $(rotation "$round" "${ORDER[@]}"); do
			SERVICE_PID=${PID[$label]}
			SERVICE_PORT=${PORT[$label]}
			measure_wrk "$scenario" "$CONNECTIONS" "$BURST" "$BASE/ids.txt" "${KEY[$label]}"
			python3 bench/request-cost.py row "$round" "$label" "$scenario" "$CONNECTIONS" "$RESULT" "$SERVICE_TICKS" \
				"$BUSY_TICKS" "$WRK_SECONDS" "$(getconf CLK_TCK)" "${BURST%s}" "$LOAD1" >> "$WORK/cost.tsv"
		done
	done
done
{
	python3 bench/request-cost.py table "$WORK/cost.tsv"
	echo
	python3 bench/request-cost.py pairs "$WORK/cost.tsv"
} | tee "$WORK/ab.md"
