# What bench/run.sh, bench/request-cost.sh, bench/ab.sh and bench/auth-cost.sh share: the
# processes they start (killed on exit), waiting for a URL to answer, the service's settings
# and its start on a data folder (a SQLite file in it, or a PostgreSQL database named after
# it), a run's folder with a fresh copy of the seeded database, the rotation of jars or
# variants between repeats, one seeded database for all runs, issuing a key with a role, a
# measured wrk run, a process's CPU, its JIT compilers' and the machine's. Sourced, not run.
# Needs SERVICE_PORT and WORK; DATABASE (sqlite unless set) and, for postgresql, the
# functions of bench/postgres.sh.

PIDS=()
GROUPS_STARTED=() # process groups (setsid), e.g. ./mvnw and the JVM it forks
cleanup() {
	for pid in "${PIDS[@]:-}"; do kill "$pid" 2>/dev/null || true; done
	for group in "${GROUPS_STARTED[@]:-}"; do [ -z "$group" ] || kill -- "-$group" 2>/dev/null || true; done
}
trap cleanup EXIT

JAVA_OPTS=(-Xmx1g --enable-native-access=ALL-UNNAMED)
# A bench-only admin secret, new for every run (the bootstrap setting wants 32 or more
# characters of a bearer token's alphabet). Given to the service through its environment,
# so it does not show in ps.
ADMIN_KEY=${ADMIN_KEY:-bench-$(python3 -c 'import secrets; print(secrets.token_hex(24))')}
# users (list, read, create, update) and storage (read) open to the role ROLE only
ROLE=bench
ACCESS_ARGS=(--flarekit.access.resources.users.list=role:$ROLE --flarekit.access.resources.users.read=role:$ROLE
	--flarekit.access.resources.users.create=role:$ROLE --flarekit.access.resources.users.update=role:$ROLE
	--flarekit.access.resources.storage.read=role:$ROLE)

wait_for() { # url [seconds, 60 unless told] [curl arguments, e.g. -H header]
	local url=$1 seconds=${2:-60}
	shift $(($# < 2 ? $# : 2))
	for _ in $(seq 1 $((seconds * 20))); do
		curl -sf -o /dev/null "$@" "$url" && return 0
		sleep 0.05
	done
	echo "Not answering: $url" >&2
	return 1
}

# Where a data folder's rows live: its SQLite file, or a PostgreSQL database named after
# the folder. The blobs are in the folder either way.
db_name() { basename "$1" | tr -c 'a-z0-9\n' '_'; }
new_database() { [ "${DATABASE:-sqlite}" = sqlite ] || pg_database "$(db_name "$1")"; } # data-dir
seed_target() { if [ "${DATABASE:-sqlite}" = sqlite ]; then echo "$1/flarekit.db"; else pg_url "$(db_name "$1")"; fi; }
service_db_args() { # data-dir
	if [ "${DATABASE:-sqlite}" = sqlite ]; then
		echo "--flarekit.database.path=$1/flarekit.db"
	else
		echo "--spring.datasource.url=$(pg_jdbc "$(db_name "$1")") --spring.datasource.username=postgres"
	fi
}
copy_database() { # from-dir to-dir: the second gets a fresh copy of the first's database
	if [ "${DATABASE:-sqlite}" = sqlite ]; then cp "$1"/flarekit.db* "$2"/; else pg_database "$(db_name "$2")" "$(db_name "$1")"; fi
}
new_run() { # repeat name -> RUN, the folder of that repeat's run of that jar or variant, with a fresh copy of BASE's database
	RUN=$WORK/run-$1-$2
	mkdir -p "$RUN"
	copy_database "$BASE" "$RUN"
}
rotation() { # repeat name... -> the names, rotated by repeat - 1 (the first repeat keeps their order)
	local by=$((($1 - 1) % ($# - 1)))
	shift
	echo "${@:by+1}" "${@:1:by}"
}
drop_database() { # data-dir
	if [ "${DATABASE:-sqlite}" = sqlite ]; then rm -f "$1"/flarekit.db*; else pg_drop "$(db_name "$1")"; fi
}

# BASE: the folder of one seeded database (USERS users) that every run copies: SEED when
# set and already seeded (SQLite), else seeded anew by a first start of the jar; ADMIN_KEY
# becomes the key of that first start, which the database keeps.
seed_base() { # jar
	BASE=${SEED:-$WORK/base}
	if [ "${DATABASE:-sqlite}" = postgresql ] || [ ! -f "$BASE/ids.txt" ]; then
		mkdir -p "$BASE"
		new_database "$BASE"
		start_jar "$1" "$BASE"
		stop_jar
		python3 bench/seed.py "$(seed_target "$BASE")" "$BASE/blobs" "$USERS" 1 "$BASE/ids.txt" > /dev/null
		echo "$ADMIN_KEY" > "$BASE/admin-key"
	fi
	ADMIN_KEY=$(cat "$BASE/admin-key")
}

start_jar() { # jar data-dir [arguments...] -> SERVICE_PID, answering on SERVICE_PORT
	local jar=$1 data=$2
	shift 2
	# shellcheck disable=SC2046 # the database arguments are words without spaces
	FLAREKIT_SECURITY_BOOTSTRAP_ADMIN_KEY=$ADMIN_KEY java "${JAVA_OPTS[@]}" -jar "$jar" --server.port="$SERVICE_PORT" \
		$(service_db_args "$data") --flarekit.storage.blob-dir="$data/blobs" --flarekit.storage.uploads.dir="$data/uploads" \
		--logging.level.root=warn "$@" > "$data/service.log" 2>&1 &
	SERVICE_PID=$!
	PIDS+=("$SERVICE_PID")
	wait_for "http://localhost:$SERVICE_PORT/"
}
stop_jar() { kill "$SERVICE_PID"; wait "$SERVICE_PID" 2>/dev/null || true; }

role_key() { # -> prints a new key with the role ROLE, issued with the admin key
	curl -sf -X POST "http://localhost:$SERVICE_PORT/api-keys" -H "Authorization: Bearer $ADMIN_KEY" \
		-H 'Content-Type: application/json' -d "{\"name\": \"bench\", \"roles\": [\"$ROLE\"]}" \
		| python3 -c 'import json, sys; print(json.load(sys.stdin)["key"])'
}

check_key() { # key what: stops the run unless the key opens the users (what names the credential)
	local code
	code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $1" "http://localhost:$SERVICE_PORT/users?range=%5B0,0%5D")
	[ "$code" = 200 ] || { echo "$2: GET /users answered $code" >&2; exit 1; }
}

# The service's keyset page of 10 rows that starts at a row: the Link of the one-row offset
# page before that row names its cursor. Empty when the service gave no such link.
keyset_path() { # row key -> prints the path
	local before=$(($1 - 1))
	curl -s -H "Authorization: Bearer $2" -D - -o /dev/null -G "http://localhost:$SERVICE_PORT/users" \
		--data-urlencode "range=[$before,$before]" | tr -d '\r' \
		| sed -n 's|^Link: <http://[^/]*\(/[^>]*\)limit=1>.*|\1limit=10|p'
}

# KEYSET: the path the scenario deep-keyset loads (row 50,000, or the middle of a smaller
# table), for bench/request-cost.sh and bench/ab.sh; bench/run.sh checks its own against
# the offset page it replaces.
keyset_for() { # key
	KEYSET=$(keyset_path $((USERS / 2 < 50000 ? USERS / 2 : 50000)) "$1")
	if [ -z "$KEYSET" ]; then
		echo "The service gave no keyset link for the deep-keyset scenario" >&2
		exit 1
	fi
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; } # pid: user + system clock ticks
jit_ticks() { # pid: "thread-id ticks" for each of its JIT compiler threads
	local task
	for task in /proc/"$1"/task/*; do
		grep -q '^C[12] CompilerThre' "$task/comm" 2>/dev/null && awk '{print $1, $14 + $15}' "$task/stat" 2>/dev/null
	done
	return 0
}
busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; } # the machine's

# wrk running one scenario of bench/lua/scenario.lua; more wrk options (--latency) may follow
scenario_load() { # port target scenario connections duration ids keyset key [wrk option...]
	wrk -t "$(($4 < 2 ? 1 : 2))" -c "$4" -d "$5" "${@:9}" -s bench/lua/scenario.lua "http://localhost:$1" \
		-- "$3" "$2" "$6" "$7" "$8"
}

warm_up() { # ids key duration scenario...: untimed wrk at 8 connections on the service
	local ids=$1 key=$2 duration=$3 scenario
	shift 3
	for scenario in "$@"; do
		scenario_load "$SERVICE_PORT" service "$scenario" 8 "$duration" "$ids" "${KEYSET:-/}" "$key" > /dev/null
	done
}

# One wrk run on the service (SERVICE_PID): RESULT is wrk's JSON summary (bench/lua/common.lua),
# LOAD1 the 1-minute load average before it, SERVICE_TICKS and BUSY_TICKS the clock ticks the
# service and the whole machine used during it, WRK_SECONDS the CPU seconds of wrk itself.
measure_wrk() { # scenario connections duration ids key
	local b0 s0
	LOAD1=$(cut -d' ' -f1 /proc/loadavg)
	b0=$(busy_ticks)
	s0=$(cpu_ticks "$SERVICE_PID")
	TIMEFORMAT='%3U %3S'
	{ time scenario_load "$SERVICE_PORT" service "$1" "$2" "$3" "$4" "${KEYSET:-/}" "$5" --latency > "$WORK/wrk.out"; } 2> "$WORK/wrk.time"
	BUSY_TICKS=$(($(busy_ticks) - b0))
	SERVICE_TICKS=$(($(cpu_ticks "$SERVICE_PID") - s0))
	RESULT=$(grep '^RESULT' "$WORK/wrk.out" | cut -c8-)
	WRK_SECONDS=$(tail -1 "$WORK/wrk.time" | awk '{ print $1 + $2 }')
}
