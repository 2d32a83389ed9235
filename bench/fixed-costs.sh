# The fixed costs, sourced by run.sh after the size table: what a push, a push of what is already there, and an
# unchanged mvn package cost beyond Maven itself, each measured beside its yardstick in the same run. Uses run.sh's
# variables and functions (timed, log, die, RUNS, TARGET, ...). See bench/README.md, Fixed costs.
command -v docker-registry >/dev/null || die "docker-registry is missing (Debian docker-registry); the push rows need it."
command -v skopeo >/dev/null || die "skopeo is missing; the push rows compare with it."

# Maven runs with a local repository of its own: a copy of ~/.m2/repository with this scratchpack installed.
M2=$TARGET/m2
if [ ! -d "$M2" ]; then
  log "copying ${M2_REPOSITORY:-$HOME/.m2/repository} to $M2 (the Maven rows install the plugin there)"
  cp -a "${M2_REPOSITORY:-$HOME/.m2/repository}" "$M2"
fi
MVN=(mvn -B -o -q -Dmaven.repo.local="$M2")
# With the POM the build installs and deploys: the dependency-reduced one, which names none of the dependencies that
# the plugin jar carries (the project's pom.xml would have Maven resolve them all again before each goal).
"${MVN[@]}" install:install-file -Dfile="$ROOT/target/scratchpack-maven-plugin-$VERSION.jar" \
  -DpomFile="$ROOT/dependency-reduced-pom.xml" >"$TARGET/install.log" 2>&1 || { cat "$TARGET/install.log" >&2; die "installing the plugin failed"; }

# A project that packages the push input, as the size table's rows do, into target/scratchpack/image.tar.
PROJECT=$TARGET/push-project
mkdir -p "$PROJECT"
cat >"$PROJECT/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>app</artifactId><version>1</version><packaging>pom</packaging>
  <properties><project.build.outputTimestamp>2026-01-01T00:00:00Z</project.build.outputTimestamp></properties>
  <build><plugins><plugin>
    <groupId>io.github.scratchpack</groupId><artifactId>scratchpack-maven-plugin</artifactId><version>$VERSION</version>
    <executions><execution><phase>package</phase><goals><goal>image</goal></goals></execution></executions>
    <configuration><binary>$TARGET/inputs/$PUSH_SIZE/app</binary><ports><port>8080</port></ports></configuration>
  </plugin></plugins></build>
</project>
POM
env -C "$PROJECT" "${MVN[@]}" package >"$TARGET/push-project.log" 2>&1 || die "the push project's image goal failed"
TARBALL=$PROJECT/target/scratchpack/image.tar

REGISTRY_PID=
# registry_start: a new, empty CNCF distribution registry on a free port of 127.0.0.1; sets REGISTRY.
registry_start() {
  registry_stop
  local dir=$TARGET/registry port
  rm -rf "$dir" && mkdir -p "$dir"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  printf 'version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: %s\nhttp:\n  addr: 127.0.0.1:%s\n' \
    "$dir/storage" "$port" >"$dir/config.yml"
  docker-registry serve "$dir/config.yml" >"$dir/log" 2>&1 &
  REGISTRY_PID=$!
  REGISTRY=127.0.0.1:$port
  for _ in $(seq 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return
    sleep 0.1
  done
  die "docker-registry did not listen on $REGISTRY: $(cat "$dir/log")"
}
registry_stop() {
  if [ -n "$REGISTRY_PID" ]; then
    kill "$REGISTRY_PID" 2>/dev/null || true
    wait "$REGISTRY_PID" 2>/dev/null || true # the status of a killed registry, not a failure
    REGISTRY_PID=
  fi
}
trap 'registry_stop; cleanup' EXIT

# Commands run under /usr/bin/time, so each names its directory with env -C instead of a cd.
push() { PUSH=(env -C "$PROJECT" "${MVN[@]}" scratchpack:push -Dscratchpack.image="$REGISTRY/bench/app:1"); }

# fixed_measure ROW: one run of one row; appends its wall-clock time to $FIXED.
FIXED=$TARGET/fixed-costs.tsv
fixed_measure() {
  local work=$RUNS_DIR/$1
  rm -rf "$work" && mkdir -p "$work"
  case "$1" in
    validate) timed "$work/out" env -C "$PROJECT" "${MVN[@]}" validate ;;
    sp-push) registry_start && push && timed "$work/out" "${PUSH[@]}" ;;
    sp-push-skip) registry_start && push && timed "$work/out" "${PUSH[@]}" -Dscratchpack.push.skip ;;
    sp-repush) registry_start && push && "${PUSH[@]}" >/dev/null && timed "$work/out" "${PUSH[@]}" ;;
    skopeo) registry_start && timed "$work/out" skopeo copy -q --dest-tls-verify=false "oci-archive:$TARBALL" \
      "docker://$REGISTRY/bench/app:1" ;;
    jib-push) registry_start && timed "$work/out" "$JAVA" -Djava.io.tmpdir="$TMP" -cp "$(classpath jib-harness)" \
      io.github.scratchpack.bench.JibPush "$TARBALL" "$work/jib-cache" "$REGISTRY/bench/app:1" ;;
    jvm-start) timed "$work/out" "${REPLAY[@]}" "$TARGET/no-classes.txt" ;;
    push-classes) timed "$work/out" "${REPLAY[@]}" "$TARGET/push-classes.txt" ;;
    package) timed "$work/out" env -C "$HELLO" "${MVN[@]}" package ;;
    package-skip) timed "$work/out" env -C "$HELLO" "${MVN[@]}" package -Dscratchpack.skip ;;
  esac
  printf '%s\t%s\n' "$1" "$WALL" >>"$FIXED"
  log "fixed costs, run $run/$RUNS: $1: $WALL s"
  rm -rf "$work"
}

MEASURED_FIXED=()
for row in "${FIXED_ROWS[@]}"; do
  case "$row" in
    push)
      # the classes one push loads from the goal's first on, less those the JVM generates (lambdas and other hidden
      # classes, reflection accessors: no name to load them by)
      registry_start && push && env MAVEN_OPTS="${MAVEN_OPTS:-} -Xlog:class+load=info:file=$TARGET/push-classes.log" \
        "${PUSH[@]}" >"$TARGET/push-classes.out" 2>&1 || { cat "$TARGET/push-classes.out" >&2; die "the push failed"; }
      awk '/ io[.]github[.]scratchpack[.]maven[.]PushMojo /{ on = 1 } on && $2 !~ /[$][$]Lambda|[/]0x/ && $4 !~ /^__/ { print $2 }' \
        "$TARGET/push-classes.log" >"$TARGET/push-classes.txt"
      [ -s "$TARGET/push-classes.txt" ] || die "no class of the push goal in $TARGET/push-classes.log"
      : >"$TARGET/no-classes.txt"
      MAVEN_HOME=$(mvn -v 2>/dev/null | sed -n 's/\x1b\[[0-9;]*m//g; s/^Maven home: //p')
      REPLAY=("$JAVA" -cp "$BENCH/scratchpack-harness/target/classes:$ROOT/target/scratchpack-maven-plugin-$VERSION.jar:$MAVEN_HOME/lib/*:$MAVEN_HOME/boot/*"
        io.github.scratchpack.bench.ClassReplay)
      MEASURED_FIXED+=(validate sp-push-skip sp-push sp-repush skopeo jib-push jvm-start push-classes) ;;
    package)
      if [ -z "$HELLO" ]; then
        [ -n "${GRAALVM_HOME:-}" ] || die "the package rows need GRAALVM_HOME (or --hello DIR, a copy built before)"
        HELLO=$TARGET/hello
        if [ ! -x "$HELLO/target/hello" ]; then
          log "building examples/hello natively once (minutes), into $HELLO"
          rm -rf "$HELLO" && cp -a "$ROOT/examples/hello" "$HELLO"
        fi
      fi
      # the first build after a plugin change rewrites what an older plugin wrote; it is not measured
      env -C "$HELLO" "${MVN[@]}" package >"$TARGET/hello-build.log" 2>&1 \
        || { tail -40 "$TARGET/hello-build.log" >&2; die "examples/hello does not build"; }
      MEASURED_FIXED+=(package package-skip)
      ;;
  esac
done

: >"$FIXED"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
for run in $(seq 1 "$RUNS"); do
  for row in "${MEASURED_FIXED[@]}"; do
    fixed_measure "$row"
  done
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
registry_stop

# fixed_costs_table: the markdown table of $FIXED, with the run's circumstances.
fixed_costs_table() {
  echo "scratchpack $VERSION ($(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo "no git")) fixed costs,"\
    "$(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "- Machine: $NPROC cores (nproc), $(uname -sr); load average before: $LOAD_BEFORE; after: $LOAD_AFTER"
  echo "- $(mvn -v 2>/dev/null | head -n 1 | sed 's/\x1b\[[0-9;]*m//g'); $(skopeo --version); median of $RUNS runs"
  echo "- push image: the $PUSH_SIZE MiB input, $(awk '{ printf "%.1f", $1 / 1048576 }' <<<"$(stat -c %s "$TARBALL")") MiB tarball"
  echo
  awk -F'\t' -v runs="$RUNS" -v classes="$(wc -l <"$TARGET/push-classes.txt" 2>/dev/null || echo 0)" '
    { n[$1]++; at[$1, n[$1]] = $2 }
    function middle(v, count,    i, j, t) {
      for (i = 1; i <= count; i++) for (j = i + 1; j <= count; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
      lo = v[1]; hi = v[count]
      return count % 2 ? v[(count + 1) / 2] : (v[count / 2] + v[count / 2 + 1]) / 2
    }
    function median(row,    i, v) {
      for (i = 1; i <= n[row]; i++) v[i] = at[row, i]
      return n[row] == 0 ? -1 : middle(v, n[row])
    }
    # paired(a, b, c): the median over the runs of a - b - c, each taken from the same run (c may be ""), so that
    # what drifts between runs cancels; sets lo and hi to the smallest and largest difference.
    function paired(a, b, c,    i, d) {
      for (i = 1; i <= n[a]; i++) d[i] = at[a, i] - at[b, i] - (c == "" ? 0 : at[c, i])
      return middle(d, n[a])
    }
    function spread() { return sprintf(" (runs: %.2f to %.2f)", lo, hi) }
    function row(what, time, yardName, own, target) {
      printf "| %s | %.2f s | %s | %s | %s |\n", what, time, yardName, own, target
    }
    END {
      v = median("validate"); p = median("sp-push"); r = median("sp-repush"); s = median("skopeo"); q = median("sp-push-skip")
      j = median("jib-push"); k = median("package"); ks = median("package-skip")
      js = median("jvm-start"); pc = median("push-classes")
      print "| What | Time (median) | Yardstick | Own time, against the yardstick: median of the runs'"'"' differences | Target |"
      print "| --- | ---: | --- | --- | --- |"
      if (v >= 0) {
        row("`mvn -o validate` of the push project (Maven alone)", v, "-", "-", "-")
        own = paired("sp-push", "validate", ""); ownSpread = spread(); over = paired("sp-push", "validate", "skopeo")
        code = paired("sp-push", "sp-push-skip", "")
        row("`mvn -o scratchpack:push`, fresh registry", p, sprintf("skopeo %.2f s, jib-core %.2f s", s, j),
          sprintf("%.2f s beyond validate%s: skopeo + %.2f s, %.2f× skopeo, %.2f× jib-core", own, ownSpread, over, own / s, own / j),
          (over <= 0.3 ? "≤ skopeo + 0.3 s: met" : "≤ skopeo + 0.3 s: not met"))
        maven = paired("sp-push-skip", "validate", "")
        row("`mvn -o scratchpack:push -Dscratchpack.push.skip`: Maven resolves the plugin, builds its class realm, configures the goal; the goal returns at once", q, "validate",
          sprintf("%.2f s beyond validate%s: Maven'"'"'s share of the push'"'"'s own time; the goal'"'"'s code takes %.2f s (push minus this row)", maven, spread(), code), "-")
        row("`skopeo copy oci-archive:` of the same tarball, fresh registry", s, "-", "-", "-")
        row("jib-core 0.28.1 `Jib.from(TarImage)` of the same tarball, fresh registry, fresh JVM", j, "-", "-", "-")
        again = paired("sp-repush", "validate", "")
        row("`mvn -o scratchpack:push` again, every blob there", r, "validate",
          sprintf("%.2f s beyond validate%s", again, spread()), (again <= 0.3 ? "≤ 0.3 s: met" : "≤ 0.3 s: not met"))
        if (pc >= 0) {
          loading = paired("push-classes", "jvm-start", "")
          row(sprintf("a fresh JVM loads and initialises the %d classes that one push loaded from the goal'"'"'s first on, and nothing else (`ClassReplay`)", classes), pc,
            sprintf("the same JVM loading none: %.2f s", js),
            sprintf("%.2f s%s: the part of the goal'"'"'s %.2f s that is loading its classes", loading, spread(), code), "-")
        }
      }
      if (k >= 0) {
        added = paired("package", "package-skip", "")
        row("unchanged `mvn -o package` of examples/hello", k, sprintf("with -Dscratchpack.skip: %.2f s", ks),
          sprintf("+%.2f s%s", added, spread()), (added <= 0.3 ? "≤ +0.3 s: met" : "≤ +0.3 s: not met"))
      }
    }' "$FIXED"
}
fixed_costs_table | tee "$TARGET/fixed-costs.md"
