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
ISSUER=http://127.0.0.1:$JWKS_PORT/bench

rm -rf "$WORK"
mkdir -p "$WORK"
source bench/lib.sh # the access rules ACCESS_ARGS open users and storage to the role bench

# The database: migrated by the jar without security (V1 to V5; the current jar adds V6 to
# its copy at start), then seeded.
BASE=$WORK/base
mkdir -p "$BASE"
start_jar "$BEFORE_JAR" "$BASE"
stop_jar
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
	local repeat=$1 variant=$2 key=$3 scenario connections seconds=${DURATION%s}
	for connections in $CONNECTIONS; do
		for scenario in $SCENARIOS; do
			measure_wrk "$scenario" "$connections" "$DURATION" "$BASE/ids.txt" "$key"
			# foreign: the machine's busy time that was neither the service nor wrk (cores)
			echo -e "$repeat\t$variant\t$scenario\t$connections\t$RESULT\t$(awk -v a="$SERVICE_TICKS" -v t="$(getconf CLK_TCK)" -v s="$seconds" 'BEGIN { printf "%.3f", a / t / s }')\t$LOAD1\t$(awk -v b="$BUSY_TICKS" -v a="$SERVICE_TICKS" -v w="$WRK_SECONDS" -v t="$(getconf CLK_TCK)" -v s="$seconds" 'BEGIN { f = (b - a) / t - w; printf "%.2f", (f < 0 ? 0 : f) / s }')" \
				| tee -a "$WORK/auth-cost.tsv"
		done
	done
}

for repeat in $(seq 1 "$REPEATS"); do
	# shellcheck disable=SC2086 # the variants are words
	for variant in $(rotation "$repeat" $VARIANTS); do
		new_run "$repeat" "$variant"
		case $variant in
			before) start_jar "$BEFORE_JAR" "$RUN"; key=$ADMIN_KEY ;;
			admin) start_jar "$AFTER_JAR" "$RUN" "${ACCESS_ARGS[@]}"; key=$ADMIN_KEY ;;
			role) start_jar "$AFTER_JAR" "$RUN" "${ACCESS_ARGS[@]}"; key=$(role_key) ;;
			noobs) start_jar "$AFTER_JAR" "$RUN" "${ACCESS_ARGS[@]}" --management.observations.enable.spring.security=false; key=$(role_key) ;;
			miss) start_jar "$AFTER_JAR" "$RUN" "${ACCESS_ARGS[@]}" --flarekit.security.key-cache-ttl=0s; key=$(role_key) ;;
			jwt)
				start_jar "$AFTER_JAR" "$RUN" "${ACCESS_ARGS[@]}" \
					--spring.security.oauth2.resourceserver.jwt.jwk-set-uri="http://127.0.0.1:$JWKS_PORT/jwks.json" \
					--spring.security.oauth2.resourceserver.jwt.issuer-uri="$ISSUER"
				key=$TOKEN ;;
			*) echo "unknown variant $variant" >&2; exit 1 ;;
		esac
		# the credential must open the users (before: the header is ignored)
		check_key "$key" "$variant"
		# shellcheck disable=SC2086 # the scenarios are words
		warm_up "$BASE/ids.txt" "$key" "$WARMUP" $SCENARIOS
		measure "$repeat" "$variant" "$key"
		stop_jar
		drop_database "$RUN"
	done
done

python3 bench/auth-cost.py "$WORK/auth-cost.tsv" > "$WORK/auth-cost.md"
echo "Report: $WORK/auth-cost.md"
