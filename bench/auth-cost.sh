#!/usr/bin/env bash
# What a credential costs per request: the service without security (BEFORE_JAR, a build of
# a commit before security, e.g. 3763631) against the current one with each credential, in
# one session, on copies of one seeded database, over loopback, with wrk.
#
#   git worktree add /tmp/before 3763631 && (cd /tmp/before && ./mvnw -q -DskipTests package)
#   ./mvnw -q -DskipTests package
#   BEFORE_JAR=$(ls /tmp/before/target/flarekit-*.jar | grep -v original) bash bench/auth-cost.sh
#
# Variants (VARIANTS, in this order in the first repeat, rotated in the next ones):
#   before  the jar without security; requests carry the same header, which it ignores
#   admin   the admin key (bootstrap key): the admin role passes every rule
#   role    a key with the role bench, issued through POST /api-keys; users opened to it
#           by flarekit.access.resources.users.*=role:bench (a real rule check)
#   miss    as role, with flarekit.security.key-cache-ttl=0s: a database lookup per request
#   noobs   as role, without Spring Security's observations (a diagnostic, not by default:
#           management.observations.enable.spring.security=false)
#   jwt     as role, with an RS256 token of a throwaway identity provider (bench/jwt.py;
#           JWK set served by python3 -m http.server on loopback, cached by the service)
# Each variant and repeat starts the jar anew on a fresh copy of the seeded database, warms
# up, then measures every scenario at each connection count. Writes
# $WORK/auth-cost.tsv and $WORK/auth-cost.md (medians over the repeats).
set -euo pipefail
cd "$(dirname "$0")/.."

command -v wrk >/dev/null || { echo "wrk is missing. Install it with: apt-get install -y wrk" >&2; exit 1; }
: "${BEFORE_JAR:?set BEFORE_JAR to the jar of a build without security (e.g. commit 3763631)}"
AFTER_JAR=${AFTER_JAR:-$(ls target/flarekit-*.jar | grep -v original | head -1)}
DURATION=${DURATION:-5s}
WARMUP=${WARMUP:-3s}
REPEATS=${REPEATS:-3}
CONNECTIONS=${CONNECTIONS:-"32 1"}
SCENARIOS=${SCENARIOS:-"get-user list post-user put-user"}
VARIANTS=${VARIANTS:-"before admin role miss jwt"}
USERS=${USERS:-100000}
WORK=${WORK:-bench/work/auth}
SERVICE_PORT=${SERVICE_PORT:-18080}
JWKS_PORT=${JWKS_PORT:-18082}
JAVA_OPTS=(-Xmx1g --enable-native-access=ALL-UNNAMED)
ADMIN_KEY=bench-$(python3 -c 'import secrets; print(secrets.token_hex(24))')
ROLE=bench
ISSUER=http://127.0.0.1:$JWKS_PORT/bench
RULES=(--flarekit.access.resources.users.list=role:$ROLE --flarekit.access.resources.users.read=role:$ROLE
	--flarekit.access.resources.users.create=role:$ROLE --flarekit.access.resources.users.update=role:$ROLE)

rm -rf "$WORK"
mkdir -p "$WORK"
source bench/lib.sh


start() { # jar data-dir [arguments...] -> SERVICE_PID
	local jar=$1 data=$2
	shift 2
	FLAREKIT_SECURITY_BOOTSTRAP_ADMIN_KEY=$ADMIN_KEY java "${JAVA_OPTS[@]}" -jar "$jar" --server.port=$SERVICE_PORT \
		--flarekit.database.path="$data/flarekit.db" --flarekit.storage.blob-dir="$data/blobs" \
		--flarekit.storage.uploads.dir="$data/uploads" --logging.level.root=warn "$@" > "$data/service.log" 2>&1 &
	SERVICE_PID=$!
	PIDS+=("$SERVICE_PID")
	wait_for "http://localhost:$SERVICE_PORT/"
}

stop() { kill "$SERVICE_PID"; wait "$SERVICE_PID" 2>/dev/null || true; }


busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; }

# The database: migrated by the jar without security (V1 to V5; the current jar adds V6 to
# its copy at start), then seeded.
BASE=$WORK/base
mkdir -p "$BASE"
start "$BEFORE_JAR" "$BASE"
stop
python3 bench/seed.py "$BASE/flarekit.db" "$BASE/blobs" "$USERS" 1 "$BASE/ids.txt" > /dev/null

# The identity provider for the jwt variant.
if [[ " $VARIANTS " == *" jwt "* ]]; then
	TOKEN=$(python3 bench/jwt.py "$WORK/idp" "$ISSUER" "$ROLE")
	mkdir -p "$WORK/idp/bench"
	python3 -m http.server --bind 127.0.0.1 --directory "$WORK/idp" "$JWKS_PORT" > "$WORK/idp.log" 2>&1 &
	PIDS+=("$!")
	wait_for "http://127.0.0.1:$JWKS_PORT/jwks.json"
fi

echo -e "repeat\tvariant\tscenario\tconnections\tresult\tservice_cpu\tload1\tforeign_cpu" > "$WORK/auth-cost.tsv"
measure() { # repeat variant key
	local repeat=$1 variant=$2 key=$3 scenario connections seconds=${DURATION%s} b0 s0 b1 s1 result load wrk_cpu
	for connections in $CONNECTIONS; do
		for scenario in $SCENARIOS; do
			load=$(cut -d' ' -f1 /proc/loadavg)
			b0=$(busy_ticks)
			s0=$(cpu_ticks "$SERVICE_PID")
			TIMEFORMAT='%3U %3S'
			{ time wrk -t "$((connections < 2 ? 1 : 2))" -c "$connections" -d "$DURATION" --latency \
				-s bench/lua/scenario.lua "http://localhost:$SERVICE_PORT" -- "$scenario" service "$BASE/ids.txt" / "$key" \
				> "$WORK/wrk.out"; } 2> "$WORK/wrk.time"
			b1=$(busy_ticks)
			s1=$(cpu_ticks "$SERVICE_PID")
			result=$(grep '^RESULT' "$WORK/wrk.out" | cut -c8-)
			wrk_cpu=$(tail -1 "$WORK/wrk.time" | awk '{ print $1 + $2 }')
			# foreign: the machine's busy time that was neither the service nor wrk (cores)
			echo -e "$repeat\t$variant\t$scenario\t$connections\t$result\t$(awk -v a="$s1" -v b="$s0" -v t="$(getconf CLK_TCK)" -v s="$seconds" 'BEGIN { printf "%.3f", (a - b) / t / s }')\t$load\t$(awk -v b1="$b1" -v b0="$b0" -v s1="$s1" -v s0="$s0" -v w="$wrk_cpu" -v t="$(getconf CLK_TCK)" -v s="$seconds" 'BEGIN { f = ((b1 - b0) - (s1 - s0)) / t - w; printf "%.2f", (f < 0 ? 0 : f) / s }')" \
				| tee -a "$WORK/auth-cost.tsv"
		done
	done
}

read -r -a ORDER <<< "$VARIANTS"
for repeat in $(seq 1 "$REPEATS"); do
	for i in "${!ORDER[@]}"; do
		variant=${ORDER[$(((i + repeat - 1) % ${#ORDER[@]}))]}
		RUN=$WORK/run-$repeat-$variant
		mkdir -p "$RUN"
		cp "$BASE"/flarekit.db* "$RUN"/
		case $variant in
			before) start "$BEFORE_JAR" "$RUN"; key=$ADMIN_KEY ;;
			admin) start "$AFTER_JAR" "$RUN" "${RULES[@]}"; key=$ADMIN_KEY ;;
			role) start "$AFTER_JAR" "$RUN" "${RULES[@]}"; key=$(role_key) ;;
			noobs) start "$AFTER_JAR" "$RUN" "${RULES[@]}" --management.observations.enable.spring.security=false; key=$(role_key) ;;
			miss) start "$AFTER_JAR" "$RUN" "${RULES[@]}" --flarekit.security.key-cache-ttl=0s; key=$(role_key) ;;
			jwt)
				start "$AFTER_JAR" "$RUN" "${RULES[@]}" \
					--spring.security.oauth2.resourceserver.jwt.jwk-set-uri="http://127.0.0.1:$JWKS_PORT/jwks.json" \
					--spring.security.oauth2.resourceserver.jwt.issuer-uri="$ISSUER"
				key=$TOKEN ;;
			*) echo "unknown variant $variant" >&2; exit 1 ;;
		esac
		# the credential must open the users (before: the header is ignored)
		code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $key" "http://localhost:$SERVICE_PORT/users?range=%5B0,0%5D")
		[ "$code" = 200 ] || { echo "$variant: GET /users answered $code" >&2; exit 1; }
		for scenario in $SCENARIOS; do
			wrk -t 2 -c 8 -d "$WARMUP" -s bench/lua/scenario.lua "http://localhost:$SERVICE_PORT" -- "$scenario" service "$BASE/ids.txt" / "$key" > /dev/null
		done
		measure "$repeat" "$variant" "$key"
		stop
		rm -rf "$RUN"/flarekit.db*
	done
done

python3 bench/auth-cost.py "$WORK/auth-cost.tsv" > "$WORK/auth-cost.md"
echo "Report: $WORK/auth-cost.md"
