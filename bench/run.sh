#!/usr/bin/env bash
# The benchmark: the packaged service against the floor (the same queries by hand with
# plain JDBC, bench/floor), on the same database file, over loopback, with wrk.
#
#   bash bench/run.sh              # full run (about 40 minutes on 2 cores; CONNECTIONS=32 GROWTH="" about 15)
#   DURATION=3s bash bench/run.sh  # shorter runs
#   ROUNDS=5 bash bench/run.sh     # more measured rounds per scenario (see below)
#   WARMUP=30s bash bench/run.sh   # shorter warm-ups (see below)
#   KEY_KIND=admin bash bench/run.sh  # measure with the admin key instead of a role's key
#   DATABASE=postgresql bash bench/run.sh  # both on a PostgreSQL of the run's own (bench/postgres.sh)
#   STARTUP_ONLY=1 bash bench/run.sh   # only the start-up and memory part (bench/startup.sh)
#   STARTUP_RUNS=0 bash bench/run.sh   # leave the start-up part out
#
# The service needs a key on every measured request: it starts with a bootstrap admin key
# made for this run, opens users (list, read, create, update) and storage (read) to the
# role "bench" only, and the measured requests carry a key with that role, issued through
# POST /api-keys (KEY_KIND=role, the default: a real rule check), or the admin key itself
# (KEY_KIND=admin: the admin role passes every rule without reading it). The floor has no
# authentication and gets no header. bench/auth-cost.sh measures what the key costs.
#
# Each scenario is warmed up on each side before it is measured: untimed load at 32
# connections in bursts of 5 s until, in one burst, the JIT compiler threads used less than
# 1 % of the process's CPU, for WARMUP (90 s) at most; GROWTH_WARMUP (15 s) at most, at 8
# connections, in the growth part. From a cold start both sides need up to a minute under load before the JIT
# compiler has caught up with a scenario's code (docs/benchmarks.md, "Warm-up"); measured
# earlier, the side with more code to compile looks slower than it runs. The seconds each
# took are in warm-up.tsv.
#
# Then each scenario is measured in ROUNDS (3) rounds; a round measures both sides for
# DURATION each, the service first in odd rounds and the floor first in even ones, and each
# measured burst follows PRIME (2 s) of the same load on the same side, untimed, so that it
# measures steady traffic rather than the first requests after the other side's turn (a
# list's total, cached for 5 s, has expired by then). On this kind of machine one side's
# rate drifts by up to a factor of 2 between minutes; the two bursts of a round share the
# drift, so the report gives the median of the rounds' ratios and their range.
#
# Needs wrk:  apt-get install -y wrk   (Debian's package). Writes bench/work/report.md.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v wrk >/dev/null; then
	echo "wrk is missing. Install it with: apt-get install -y wrk" >&2
	exit 1
fi

DURATION=${DURATION:-5s}
ROUNDS=${ROUNDS:-3}
GROWTH_ROUNDS=${GROWTH_ROUNDS:-1}
PRIME=${PRIME:-2s}
WARMUP=${WARMUP:-90s}
GROWTH_WARMUP=${GROWTH_WARMUP:-15s}
CONNECTIONS=${CONNECTIONS:-"1 8 32"}
USERS=${USERS:-100000}
RECORDS=${RECORDS:-10000}
GROWTH=${GROWTH-"10000 100000 1000000"} # GROWTH="" skips the growth part
WORK=${WORK:-bench/work}
SERVICE_PORT=${SERVICE_PORT:-18080}
FLOOR_PORT=${FLOOR_PORT:-18081}
KEY_KIND=${KEY_KIND:-role}
DATABASE=${DATABASE:-sqlite}
case $KEY_KIND in
	role | admin) ;;
	*) echo "KEY_KIND must be role or admin, not $KEY_KIND" >&2; exit 1 ;;
esac
case $DATABASE in
	sqlite | postgresql) ;;
	*) echo "DATABASE must be sqlite or postgresql, not $DATABASE" >&2; exit 1 ;;
esac

rm -rf "$WORK"
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd) # absolute: ./mvnw -f bench/floor/pom.xml runs the floor in bench/floor
echo "Building the service and the floor..."
./mvnw -B -q -DskipTests package
./mvnw -B -q -f bench/floor/pom.xml -DskipTests package
JAR=$(ls target/flarekit-*.jar | grep -v original | head -1)
FLOOR_JAR=$(ls bench/floor/target/flarekit-floor-*.jar | grep -v original | head -1)

source bench/lib.sh
source bench/postgres.sh
source bench/startup.sh

rss_mb() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }

# Start-up and RSS: the median of STARTUP_RUNS starts per variant, on SQLite (bench/startup.sh)
if [ "$STARTUP_RUNS" -gt 0 ]; then
	echo "Start-up: $STARTUP_RUNS starts of each of: $STARTUP_VARIANTS"
	run_startup
fi
if [ -n "${STARTUP_ONLY:-}" ]; then
	python3 bench/report.py "$WORK" > "$WORK/report.md"
	echo "Report: $WORK/report.md"
	exit 0
fi
[ "$DATABASE" = postgresql ] && pg_start

# The floor's database arguments (the service's: service_db_args of bench/lib.sh)
floor_db_args() { # data-dir
	if [ "$DATABASE" = sqlite ]; then
		echo "--floor.database=$1/flarekit.db"
	else
		echo "--spring.datasource.url=$(pg_jdbc "$(db_name "$1")") --spring.datasource.username=postgres --spring.datasource.hikari.maximum-pool-size=10"
	fi
}

# curl to the service, with its key (SERVICE_KEY, set by start_service)
scurl() { curl -H "Authorization: Bearer $SERVICE_KEY" "$@"; }

issue_key() { # -> SERVICE_KEY: the admin key, or a new key with the role ROLE
	if [ "$KEY_KIND" = admin ]; then
		SERVICE_KEY=$ADMIN_KEY
		return
	fi
	SERVICE_KEY=$(role_key)
	if [ -z "$SERVICE_KEY" ]; then
		echo "Could not issue a key with the role $ROLE" >&2
		exit 1
	fi
}


start_service() { # data-dir -> sets SERVICE_PID, STARTED_IN (seconds to the first answer) and SERVICE_KEY
	local data=$1 begin
	begin=$(date +%s.%N)
	start_jar "$JAR" "$data" "${ACCESS_ARGS[@]}"
	STARTED_IN=$(awk -v end="$(date +%s.%N)" -v begin="$begin" 'BEGIN { printf "%.2f", end - begin }')
	issue_key
	check_key "$SERVICE_KEY" "The service, with the $KEY_KIND key" # a 401 or 403 here stops the run
}

start_floor() { # data-dir
	# shellcheck disable=SC2046
	java "${JAVA_OPTS[@]}" -jar "$FLOOR_JAR" --server.port=$FLOOR_PORT $(floor_db_args "$1") \
		--floor.blobs="$1/blobs" --logging.level.root=warn > "$1/floor.log" 2>&1 &
	FLOOR_PID=$!
	PIDS+=("$FLOOR_PID")
	wait_for "http://localhost:$FLOOR_PORT/users?start=0&end=0"
}

keyset_paths() { # position -> KEYSET_SERVICE and KEYSET_FLOOR: keyset pages of 10 starting at that row
	local before=$(($1 - 1)) deep
	KEYSET_SERVICE=$(keyset_path "$1" "$SERVICE_KEY")
	KEYSET_FLOOR=$(curl -s "http://localhost:$FLOOR_PORT/users?start=$before&end=$before" | python3 -c '
import json, sys, urllib.parse
row = json.load(sys.stdin)[0]
print("/users?afterCreatedAt=" + urllib.parse.quote(row["createdAt"]) + "&afterId=" + urllib.parse.quote(row["id"]) + "&size=10")')
	# the keyset page must hold the rows of the offset page it replaces
	deep=$(scurl -s -G "http://localhost:$SERVICE_PORT/users" --data-urlencode "range=[$1,$(($1 + 9))]")
	if [ -z "$KEYSET_SERVICE" ] || [ "$(scurl -s "http://localhost:$SERVICE_PORT$KEYSET_SERVICE")" != "$deep" ]; then
		echo "The keyset page at row $1 differs from the offset page" >&2
		exit 1
	fi
}

warm() { # target pid port scenario connections max-seconds ids [keyset-path]: untimed load
	# in bursts of 5 s until the JIT compilers spent under 1 % of the process's CPU in one
	local key= spent=0 cpu0 jit0 cpu jit
	[ "$1" = service ] && key=$SERVICE_KEY
	while [ "$spent" -lt "${6%s}" ]; do
		cpu0=$(cpu_ticks "$2")
		jit0=$(jit_ticks "$2")
		scenario_load "$3" "$1" "$4" "$5" 5s "$7" "${8:-/}" "$key" > /dev/null
		spent=$((spent + 5))
		cpu=$(($(cpu_ticks "$2") - cpu0))
		# a compiler thread that has ended since counts nothing; one started since counts whole
		jit=$( (echo "$jit0" | sed 's/^/before /'; jit_ticks "$2") | awk '
			$1 == "before" { start[$2] = $3; next }
			{ used += $2 - (($1 in start) ? start[$1] : 0) }
			END { print used + 0 }')
		[ $((jit * 100)) -lt "$cpu" ] && break
	done
	echo -e "$1\t$4\t$spent\t$jit\t$cpu" >> "$WORK/warm-up.tsv"
}

run() { # label round target pid port scenario connections ids [keyset-path]: PRIME untimed, then DURATION measured
	local label=$1 round=$2 target=$3 pid=$4 port=$5 scenario=$6 connections=$7 ids=$8 keyset=${9:-/} before after result seconds key=
	[ "$target" = service ] && key=$SERVICE_KEY
	scenario_load "$port" "$target" "$scenario" "$connections" "$PRIME" "$ids" "$keyset" "$key" > /dev/null
	before=$(cpu_ticks "$pid")
	result=$(scenario_load "$port" "$target" "$scenario" "$connections" "$DURATION" "$ids" "$keyset" "$key" --latency \
		| grep '^RESULT' | cut -c8-)
	after=$(cpu_ticks "$pid")
	seconds=${DURATION%s}
	echo -e "$label\t$target\t$scenario\t$connections\t$result\t$(awk -v a="$after" -v b="$before" -v t="$(getconf CLK_TCK)" -v s="$seconds" 'BEGIN { printf "%.2f", (a - b) / t / s }')\t$(rss_mb "$pid")\t$round" \
		| tee -a "$WORK/results.tsv"
}

rounds() { # label rounds scenario connections ids: both sides, in turn, the first side alternating
	local round order side
	for ((round = 1; round <= $2; round++)); do
		order="service floor"
		if [ $((round % 2)) = 0 ]; then order="floor service"; fi
		for side in $order; do
			if [ "$side" = service ]; then
				run "$1" "$round" service "$SERVICE_PID" $SERVICE_PORT "$3" "$4" "$5" "$KEYSET_SERVICE"
			else
				run "$1" "$round" floor "$FLOOR_PID" $FLOOR_PORT "$3" "$4" "$5" "$KEYSET_FLOOR"
			fi
		done
	done
}

# The main dataset: users and storage records with real blobs (SKIP_MAIN=1 runs only the
# growth part).
if [ -z "${SKIP_MAIN:-}" ]; then
MAIN=$WORK/main
mkdir -p "$MAIN"
new_database "$MAIN"
start_service "$MAIN"
FIRST_START=$STARTED_IN
stop_jar
echo "Seeding $USERS users and $RECORDS storage records..."
python3 bench/seed.py "$(seed_target "$MAIN")" "$MAIN/blobs" "$USERS" "$RECORDS" "$MAIN/ids.txt"
du -sh "$MAIN/blobs" | tee "$WORK/blobs-size.txt"

start_service "$MAIN"
STARTUP=$STARTED_IN
echo -e "startup\t$FIRST_START\t$STARTUP" > "$WORK/startup.tsv"
echo "$KEY_KIND" > "$WORK/key-kind.txt"
echo "$DATABASE" > "$WORK/database.txt"
start_floor "$MAIN"
keyset_paths $((USERS / 2 < 50000 ? USERS / 2 : 50000)) # row 50,000, or the middle of a smaller table
for scenario in get-user list filter-email search-q deep-page deep-keyset post-user put-user content-100k mixed; do
	warm service "$SERVICE_PID" $SERVICE_PORT "$scenario" 32 "$WARMUP" "$MAIN/ids.txt" "$KEYSET_SERVICE"
	warm floor "$FLOOR_PID" $FLOOR_PORT "$scenario" 32 "$WARMUP" "$MAIN/ids.txt" "$KEYSET_FLOOR"
	for connections in $CONNECTIONS; do
		rounds main "$ROUNDS" "$scenario" "$connections" "$MAIN/ids.txt"
	done
done
kill "$SERVICE_PID" "$FLOOR_PID"; wait 2>/dev/null || true
fi

# Cost growth: list, filter and count at several table sizes, 8 connections.
for size in $GROWTH; do
	GROW=$WORK/grow-$size
	mkdir -p "$GROW"
	new_database "$GROW"
	start_service "$GROW"
	stop_jar
	python3 bench/seed.py "$(seed_target "$GROW")" "$GROW/blobs" "$size" 1 "$GROW/ids.txt" > /dev/null
	start_service "$GROW"
	start_floor "$GROW"
	keyset_paths $((size / 2 < 50000 ? size / 2 : 50000))
	for scenario in list filter-email count deep-page deep-keyset; do
		warm service "$SERVICE_PID" $SERVICE_PORT "$scenario" 8 "$GROWTH_WARMUP" "$GROW/ids.txt" "$KEYSET_SERVICE"
		warm floor "$FLOOR_PID" $FLOOR_PORT "$scenario" 8 "$GROWTH_WARMUP" "$GROW/ids.txt" "$KEYSET_FLOOR"
		rounds "grow-$size" "$GROWTH_ROUNDS" "$scenario" 8 "$GROW/ids.txt"
	done
	kill "$SERVICE_PID" "$FLOOR_PID"; wait 2>/dev/null || true
done

[ -n "${SKIP_MAIN:-}" ] || python3 bench/report.py "$WORK" > "$WORK/report.md"
echo "Report: $WORK/report.md"
