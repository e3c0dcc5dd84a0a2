# What bench/run.sh and bench/auth-cost.sh share: the processes they start (killed on
# exit), waiting for a URL to answer, issuing a key with a role, and a process's CPU.
# Sourced, not run. Needs SERVICE_PORT, ADMIN_KEY and ROLE where the functions use them.

PIDS=()
GROUPS_STARTED=() # process groups (setsid), e.g. ./mvnw and the JVM it forks
cleanup() {
	for pid in "${PIDS[@]:-}"; do kill "$pid" 2>/dev/null || true; done
	for group in "${GROUPS_STARTED[@]:-}"; do [ -z "$group" ] || kill -- "-$group" 2>/dev/null || true; done
}
trap cleanup EXIT

wait_for() { # url [seconds, 60 unless told]
	for _ in $(seq 1 $((${2:-60} * 20))); do
		curl -sf -o /dev/null "$1" && return 0
		sleep 0.05
	done
	echo "Not answering: $1" >&2
	return 1
}

role_key() { # -> prints a new key with the role ROLE, issued with the admin key
	curl -sf -X POST "http://localhost:$SERVICE_PORT/api-keys" -H "Authorization: Bearer $ADMIN_KEY" \
		-H 'Content-Type: application/json' -d "{\"name\": \"bench\", \"roles\": [\"$ROLE\"]}" \
		| python3 -c 'import json, sys; print(json.load(sys.stdin)["key"])'
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; } # pid: user + system clock ticks
