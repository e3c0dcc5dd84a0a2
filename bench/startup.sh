# Start-up and memory: seconds from the start of the JVM that serves to its first answered
# data request (a page of one user: the service's GET /users with the run's admin key, the
# floor's /users), its CPU seconds by then (less sensitive to a busy machine than the seconds), and
# its RSS one second later, for STARTUP_RUNS starts of each variant (the report prints the
# median). Sourced by bench/run.sh after the jars are built; needs WORK, JAR, FLOOR_JAR and
# the functions of bench/lib.sh.
#
# Variants (STARTUP_VARIANTS, space-separated, default all but the JDK 25 ones):
#   service-jar      java -jar of the packaged jar, no archive
#   service-archive  the production command of docs/deployment.md: the extracted jar with
#                    its class data archive (CDS on JDK 17-23, the AOT cache on JDK 24+) and
#                    its JVM flags (PRODUCTION_OPTS, "-Xms32m -Xmx512m -XX:+UseSerialGC")
#   service-new-db   the same, on a new, empty database (migrations and the first admin key)
#   service-mvnw     ./mvnw spring-boot:run (README), Maven's own start included
#   floor-jar, floor-archive, floor-mvnw   the plain Spring MVC app (bench/floor), the same ways
# JAVA25=/path/to/java adds service-jar-25, service-archive-25 and floor-archive-25 (AOT cache).
# Every start but service-new-db opens a copy of one migrated database with an admin key.

STARTUP_RUNS=${STARTUP_RUNS:-5}
STARTUP_PORT=${STARTUP_PORT:-18090}
STARTUP_TIMEOUT=${STARTUP_TIMEOUT:-180} # seconds a start may take before the run stops
STARTUP_VARIANTS=${STARTUP_VARIANTS:-"service-jar service-archive service-new-db service-mvnw floor-jar floor-archive floor-mvnw"}
JAVA25=${JAVA25:-}
# the JVM flags of docs/deployment.md's production command, for the archive variants
read -r -a PRODUCTION_OPTS <<< "${PRODUCTION_OPTS:--Xms32m -Xmx512m -XX:+UseSerialGC}"
[ -n "$JAVA25" ] && STARTUP_VARIANTS="$STARTUP_VARIANTS service-jar-25 service-archive-25 floor-archive-25"

# The service's arguments for a data folder (its database, blobs and uploads in it).
startup_service_args() { echo "--server.port=$STARTUP_PORT --flarekit.database.path=$1/flarekit.db --flarekit.storage.blob-dir=$1/blobs --flarekit.storage.uploads.dir=$1/uploads"; }
startup_floor_args() { echo "--server.port=$STARTUP_PORT --floor.database=$1/flarekit.db --floor.blobs=$1/blobs"; }

archive_flag() { # java archive-file-without-suffix -> the JVM flag that uses (or, with "train", makes) it
	local version
	version=$("$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
	if [ "${version%%.*}" -ge 24 ]; then
		[ "${3:-}" = train ] && echo "-XX:AOTCacheOutput=$2.aot" || echo "-XX:AOTCache=$2.aot"
	else
		[ "${3:-}" = train ] && echo "-XX:ArchiveClassesAtExit=$2.jsa" || echo "-XX:SharedArchiveFile=$2.jsa"
	fi
}

# The steps of docs/deployment.md: extract the jar into a folder as NAME.jar and lib/, then
# one training start that stops once the application context is refreshed and writes the
# archive NAME.jsa (NAME.aot on JDK 24+) beside it. -> prints the extracted jar.
make_archive() { # java jar folder name training-args...
	local java=$1 jar=$2 dir=$3 name=$4
	shift 4
	rm -rf "$dir"
	"$java" -Djarmode=tools -jar "$jar" extract --destination "$dir" --application-filename "$name.jar" > /dev/null
	"$java" "$(archive_flag "$java" "$dir/$name" train)" -Dspring.context.exit=onRefresh -jar "$dir/$name.jar" "$@" \
		> "$dir/training.log" 2>&1
	echo "$dir/$name.jar"
}

started_ago() { # pid -> seconds since that process started
	awk -v t="$(getconf CLK_TCK)" -v up="$(cut -d' ' -f1 /proc/uptime)" '{ sub(/^.*\) /, ""); printf "%.2f", up - $20 / t }' "/proc/$1/stat"
}

listening_pid() { ss -Hltnp "sport = :$1" | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -1; }

time_start() { # variant url data-dir command... -> appends variant, wall s, JVM s, CPU s, RSS MB, load to startup-runs.tsv
	local variant=$1 url=$2 data=$3 begin end pid jvm whole age cpu rss
	shift 3
	begin=$(date +%s.%N)
	setsid "$@" > "$data/start.log" 2>&1 &
	pid=$!
	GROUPS_STARTED+=("$pid")
	if ! wait_for "$url" "$STARTUP_TIMEOUT" "${PROBE_ARGS[@]}"; then
		tail -20 "$data/start.log" >&2
		kill -- "-$pid" 2>/dev/null || true
		return 1
	fi
	end=$(date +%s.%N)
	jvm=$(listening_pid "$STARTUP_PORT")
	age=$(started_ago "$jvm")
	cpu=$(cpu_ticks "$jvm")
	sleep 1
	rss=$(rss_mb "$jvm")
	whole=$(awk -v e="$end" -v b="$begin" 'BEGIN { printf "%.2f", e - b }')
	echo -e "$variant\t$whole\t$age\t$(awk -v c="$cpu" -v t="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", c / t }')\t$rss\t$(cut -d' ' -f1 /proc/loadavg)" \
		| tee -a "$WORK/startup-runs.tsv"
	kill -- "-$pid" 2>/dev/null || true
	while kill -0 "$pid" 2>/dev/null || [ -n "$(listening_pid "$STARTUP_PORT")" ]; do sleep 0.1; done
	GROUPS_STARTED=()
}

settle() { # waits, 3 minutes at most, until the builds' and training starts' load has gone:
	# the 1-minute load average under 1 (the starts themselves keep it at about 2)
	local waited=0
	while [ "$waited" -lt 180 ] && awk '{ exit !($1 >= 1) }' /proc/loadavg; do
		sleep 10
		waited=$((waited + 10))
	done
	echo "Starts begin at a 1-minute load of $(cut -d' ' -f1 /proc/loadavg), after $waited s of waiting"
}

run_startup() {
	local S=$WORK/startup template variant data run java url cmd
	export FLAREKIT_SECURITY_BOOTSTRAP_ADMIN_KEY=$ADMIN_KEY
	rm -rf "$S"
	mkdir -p "$S"
	# one migrated database with the admin key: every start but service-new-db opens a copy
	template=$S/template
	mkdir -p "$template"
	java -Dspring.context.exit=onRefresh -jar "$JAR" \
		$(startup_service_args "$template") > "$template/start.log" 2>&1
	# that start ends without closing the database: move its write-ahead log into the file
	python3 -c 'import sqlite3, sys; sqlite3.connect(sys.argv[1]).execute("PRAGMA wal_checkpoint(TRUNCATE)")' \
		"$template/flarekit.db"
	echo "Making the class data archives (one training start each)..."
	local service_app floor_app service_app25="" floor_app25=""
	service_app=$(make_archive java "$JAR" "$S/service-app" flarekit $(startup_service_args "$S/training"))
	floor_app=$(make_archive java "$FLOOR_JAR" "$S/floor-app" floor $(startup_floor_args "$template"))
	if [ -n "$JAVA25" ]; then
		service_app25=$(make_archive "$JAVA25" "$JAR" "$S/service-app25" flarekit $(startup_service_args "$S/training25"))
		floor_app25=$(make_archive "$JAVA25" "$FLOOR_JAR" "$S/floor-app25" floor $(startup_floor_args "$template"))
	fi
	settle
	for run in $(seq 1 "$STARTUP_RUNS"); do
		for variant in $STARTUP_VARIANTS; do
			data=$S/$variant-$run
			mkdir -p "$data"
			[ "$variant" = service-new-db ] || cp "$template/flarekit.db" "$data/"
			java=java
			case $variant in *-25) java=$JAVA25 ;; esac
			case $variant in
				service-jar*) cmd=("$java" -jar "$JAR" $(startup_service_args "$data")) ;;
				service-archive-25) cmd=("$java" "${PRODUCTION_OPTS[@]}" "$(archive_flag "$java" "$S/service-app25/flarekit")" -jar "$service_app25" $(startup_service_args "$data")) ;;
				service-archive | service-new-db) cmd=(java "${PRODUCTION_OPTS[@]}" "$(archive_flag java "$S/service-app/flarekit")" -jar "$service_app" $(startup_service_args "$data")) ;;
				service-mvnw) cmd=(./mvnw -B spring-boot:run "-Dspring-boot.run.arguments=$(startup_service_args "$data")") ;;
				floor-jar) cmd=(java -jar "$FLOOR_JAR" $(startup_floor_args "$data")) ;;
				floor-archive) cmd=(java "${PRODUCTION_OPTS[@]}" "$(archive_flag java "$S/floor-app/floor")" -jar "$floor_app" $(startup_floor_args "$data")) ;;
				floor-archive-25) cmd=("$JAVA25" "${PRODUCTION_OPTS[@]}" "$(archive_flag "$JAVA25" "$S/floor-app25/floor")" -jar "$floor_app25" $(startup_floor_args "$data")) ;;
				floor-mvnw) cmd=(./mvnw -B -f bench/floor/pom.xml spring-boot:run "-Dspring-boot.run.arguments=$(startup_floor_args "$data")") ;;
				*) echo "Unknown start-up variant: $variant" >&2; return 1 ;;
			esac
			# the first answer is a data request on both: a page of one user (the service's
			# with the admin key), so that work deferred past the start is still counted
			case $variant in
				floor*) url="http://localhost:$STARTUP_PORT/users?start=0&end=0" PROBE_ARGS=() ;;
				*) url="http://localhost:$STARTUP_PORT/users?range=%5B0,0%5D" PROBE_ARGS=(-H "Authorization: Bearer $ADMIN_KEY") ;;
			esac
			time_start "$variant" "$url" "$data" "${cmd[@]}"
		done
	done
}
