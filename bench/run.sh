#!/usr/bin/env bash
# Benchmarks scratchpack against jib-core 0.28.1, podman and plain gzip on realistic static executables, and prints
# one markdown table measured in this one run. See bench/README.md for what each row does and how to read it.
#
#   bench/run.sh [--sizes 16,64,256] [--runs 3] [--rows ROW,ROW,...]
#
#   --sizes  input executables to build, in MiB (default 16,64,256)
#   --runs   measured runs per row; the table shows the median (default 3)
#   --rows   only these rows (default all): sp-gzip-1 sp-gzip sp-gzip6 sp-zstd sp-none sp-rebuild jib podman
#            gzip deflate-jdk deflate-jzlib deflate-fingerprint, and the fixed costs: push (push, re-push,
#            skopeo and jib-core to a loopback registry) and package (an unchanged mvn package of examples/hello)
#   --hello  a copy of examples/hello whose native executable is built already, for the package rows
#            (default: build one in bench/target/hello, which takes minutes; needs GRAALVM_HOME)
#
# The table goes to stdout and to bench/target/results.md; progress goes to stderr. Everything the script creates
# lives under bench/target: the podman images are built in a private podman store there, which is emptied and
# removed on exit, also when the run fails or is interrupted.
set -euo pipefail

BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH")
TARGET=$BENCH/target
TMP=$TARGET/tmp
RUNS_DIR=$TARGET/runs
PODMAN_DIR=$TARGET/podman

# The podman command line: runc, no default ulimits (this kind of machine refuses them), and a store of our own.
podman_cmd() {
  CONTAINERS_CONF=$PODMAN_DIR/containers.conf TMPDIR=$TMP podman --runtime runc \
    --root "$PODMAN_DIR/storage" --runroot "$PODMAN_DIR/run" --tmpdir "$PODMAN_DIR/libpod" "$@"
}

# Internal entry points, run under /usr/bin/time so that one process tree is measured.
case "${1:-}" in
  --podman-build-save) # CONTEXT TAG TARBALL
    podman_cmd build --quiet --no-cache --tag "$3" "$2" >/dev/null
    podman_cmd save --quiet --format oci-archive --output "$4" "$3"
    exit
    ;;
esac

SIZES=16,64,256
RUNS=3
ROWS=sp-gzip-1,sp-gzip,sp-gzip6,sp-zstd,sp-none,sp-rebuild,jib,podman,gzip,deflate-jdk,deflate-jzlib,deflate-fingerprint
ROWS=$ROWS,push,package
HELLO=
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) SIZES=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --rows) ROWS=$2; shift 2 ;;
    --hello) HELLO=$(cd "$2" && pwd); shift 2 ;;
    -h|--help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "Unknown option $1; see bench/run.sh --help" >&2; exit 2 ;;
  esac
done
[[ $SIZES =~ ^[0-9]+(,[0-9]+)*$ ]] || { echo "--sizes takes MiB counts such as 16,64,256" >&2; exit 2; }
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || { echo "--runs takes a positive count" >&2; exit 2; }

log() { echo "bench: $*" >&2; }
die() { echo "bench: $*" >&2; exit 1; }

JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
for tool in "$JAVA" mvn musl-gcc gzip tar awk; do
  command -v "$tool" >/dev/null || die "$tool is missing; see bench/README.md, Requirements."
done
[ -x /usr/bin/time ] || die "/usr/bin/time is missing (it measures peak RSS); install the Debian package 'time'."
HAVE_PODMAN=yes
command -v podman >/dev/null && command -v runc >/dev/null || HAVE_PODMAN=no
NPROC=$(nproc)

# ---------------------------------------------------------------------------------------------------- clean-up
cleanup() {
  if [ -d "$PODMAN_DIR/storage" ]; then
    for container in $(podman_cmd ps --all --external --quiet 2>/dev/null); do
      podman_cmd rm --force "$container" >/dev/null 2>&1 || true
    done
    podman_cmd rmi --all --force >/dev/null 2>&1 || true
    # A build killed half-way can leave overlay mounts in the store; nothing else may be mounted there.
    grep -o " $PODMAN_DIR/[^ ]*" /proc/self/mounts | sort -r | xargs -r -n1 umount >/dev/null 2>&1 || true
  fi
  rm -rf "$PODMAN_DIR" "$RUNS_DIR" "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
cleanup
mkdir -p "$TMP" "$RUNS_DIR" "$PODMAN_DIR"

# ---------------------------------------------------------------------------------------------------- build
# The root project's version: the <version> line right after its artifactId.
VERSION=$(sed -n '\:<artifactId>scratchpack-maven-plugin</artifactId>:{n;s:.*<version>\(.*\)</version>.*:\1:p;q}' \
  "$ROOT/pom.xml")
log "building scratchpack $VERSION and the runners (mvn package of bench/pom.xml; nothing is installed)"
mvn -B -q -f "$BENCH/pom.xml" -Dmaven.test.skip=true -Dinvoker.skip -Dscratchpack.version="$VERSION" package \
  >"$TARGET/build.log" 2>&1 || { tail -40 "$TARGET/build.log" >&2; die "the build failed; see $TARGET/build.log"; }

# Each runner starts in a fresh JVM, the same way: no options but a temporary directory under bench/target.
# scratchpack's per-user cache of zstd-jni's native library (~/.cache/scratchpack/native) lives there too; the
# untimed warm-up build fills it, as a user's first zstd build does.
classpath() { echo "$BENCH/$1/target/classes:$(cat "$BENCH/$1/target/runtime.classpath")"; }
SCRATCHPACK=(env XDG_CACHE_HOME="$TMP/cache" "$JAVA" -Djava.io.tmpdir="$TMP" -cp "$(classpath scratchpack-harness)"
  io.github.scratchpack.bench.ScratchpackRun)
JIB=("$JAVA" -Djava.io.tmpdir="$TMP" -cp "$(classpath jib-harness)" io.github.scratchpack.bench.JibRun)
DEFLATE=("$JAVA" -Djava.io.tmpdir="$TMP" -cp "$(classpath deflate-harness)" io.github.scratchpack.bench.DeflateRun)

# ---------------------------------------------------------------------------------------------------- inputs
# A real static ELF (the test HTTP server, built with musl) followed by the JDK's shared libraries, repeated and
# cut to the size: machine code throughout, which compresses like a real native-image executable does.
JAVA_LIBS=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.home = //p')/lib
mapfile -t LIBS < <(find -L "$JAVA_LIBS" -name '*.so' -type f | LC_ALL=C sort)
[ ${#LIBS[@]} -gt 0 ] || die "no shared libraries under $JAVA_LIBS to build the inputs from"
mkdir -p "$TARGET/inputs"
SERVER=$TARGET/inputs/http-server
musl-gcc -static -O2 -o "$SERVER" "$ROOT/src/test/c/http-server.c"

make_input() { # MIB FILE
  local bytes=$(($1 * 1024 * 1024))
  cp "$SERVER" "$2"
  while [ "$(stat -c %s "$2")" -lt "$bytes" ]; do
    cat "${LIBS[@]}" >>"$2"
  done
  truncate -s "$bytes" "$2"
  chmod 755 "$2"
  "${SCRATCHPACK[@]}" check "$2" || die "$2 fails scratchpack's static-executable check"
  "$2" --report >/dev/null || die "$2 does not run any more"
}
IFS=, read -r -a SIZE_LIST <<<"$SIZES"
for size in "${SIZE_LIST[@]}"; do
  log "input: ${size} MiB static executable"
  mkdir -p "$TARGET/inputs/$size"
  make_input "$size" "$TARGET/inputs/$size/app"
done

# ---------------------------------------------------------------------------------------------------- rootfs
# jib and podman package the same base files and CA bundle as scratchpack: those of a small scratchpack image,
# built with compression none (which also warms up the scratchpack runner) and unpacked here.
PEM=$BENCH/ca-certificates.pem
ROOTFS=$TARGET/rootfs
rm -rf "$ROOTFS" && mkdir -p "$ROOTFS" "$TMP/export"
"${SCRATCHPACK[@]}" build "$SERVER" "$PEM" "$TMP/export/cache" "$TMP/export/image.tar" none 0 >/dev/null
tar -xf "$TMP/export/image.tar" -C "$TMP/export" blobs
for blob in "$TMP/export"/blobs/sha256/*; do
  if tar -tf "$blob" >/dev/null 2>&1; then # a layer; the config and manifests are JSON
    tar -xpf "$blob" -C "$ROOTFS" --same-owner
  fi
done
rm -rf "$ROOTFS/app" "$TMP/export"
[ -f "$ROOTFS/etc/passwd" ] && [ -f "$ROOTFS/etc/ssl/certs/ca-certificates.crt" ] \
  || die "the exported base files are incomplete: $(cd "$ROOTFS" && find . | tr '\n' ' ')"

if [ "$HAVE_PODMAN" = yes ]; then
  printf '[containers]\ndefault_ulimits = []\n' >"$PODMAN_DIR/containers.conf"
  for size in "${SIZE_LIST[@]}" warmup; do
    context=$PODMAN_DIR/context/$size
    mkdir -p "$context"
    cp -a "$ROOTFS" "$context/rootfs"
    input=$TARGET/inputs/$size/app
    [ "$size" != warmup ] || input=$SERVER
    ln "$input" "$context/app" 2>/dev/null || cp "$input" "$context/app"
    printf '%s\n' 'FROM scratch' 'COPY rootfs/ /' 'COPY app /app/app' 'USER 65532:65532' 'WORKDIR /app' \
      'ENV PATH=/app SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt' 'EXPOSE 8080' 'ENTRYPOINT ["/app/app"]' \
      >"$context/Containerfile"
  done
fi

# ---------------------------------------------------------------------------------------------------- measuring
RESULTS=$TARGET/results.tsv
: >"$RESULTS"
LOG=$TARGET/last-run.log

# timed STDOUT COMMAND...: runs COMMAND under /usr/bin/time; sets WALL (seconds) and RSS_KIB (its peak RSS).
timed() {
  local out=$1 start end
  shift
  sync # the previous run's writes are flushed before the clock starts, not during this run
  start=$(date +%s%N)
  /usr/bin/time -f %M -o "$TMP/rss" "$@" >"$out" 2>"$LOG" || { cat "$LOG" >&2; die "failed: $*"; }
  end=$(date +%s%N)
  WALL=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", (e - s) / 1e9 }')
  RSS_KIB=$(tail -n 1 "$TMP/rss")
}

jvm_seconds() { sed -n 's/.*seconds=\([0-9.]*\).*/\1/p' "$1"; }

scratchpack() { # WORK COMPRESSION THREADS: sets BUILD to a scratchpack build of $INPUT into WORK/image.tar
  BUILD=("${SCRATCHPACK[@]}" build "$INPUT" "$PEM" "$1/cache" "$1/image.tar" "$2" "$3")
}

# measure ROW: one run of one row on $INPUT; sets WALL RSS_KIB BYTES JVM_S UNCHANGED.
measure() {
  local work=$RUNS_DIR/$1
  rm -rf "$work" && mkdir -p "$work"
  JVM_S=- UNCHANGED=-
  case "$1" in
    sp-gzip-1) scratchpack "$work" gzip 1 && timed "$work/out" "${BUILD[@]}" ;;
    sp-gzip) scratchpack "$work" gzip 0 && timed "$work/out" "${BUILD[@]}" ;;
    sp-gzip6) scratchpack "$work" gzip:6 0 && timed "$work/out" "${BUILD[@]}" ;;
    sp-zstd) scratchpack "$work" zstd 0 && timed "$work/out" "${BUILD[@]}" ;;
    sp-none) scratchpack "$work" none 0 && timed "$work/out" "${BUILD[@]}" ;;
    sp-rebuild)
      scratchpack "$work" gzip 0
      "${BUILD[@]}" >/dev/null # the first build, not measured
      timed "$work/out" "${BUILD[@]}"
      UNCHANGED=$(sed -n 's/.*unchanged=\([a-z]*\).*/\1/p' "$work/out")
      ;;
    jib) timed "$work/out" "${JIB[@]}" "$INPUT" "$ROOTFS" "$work/jib-cache" "$work/image.tar" ;;
    podman)
      timed "$work/out" "$BASH" "$BENCH/run.sh" --podman-build-save "$PODMAN_DIR/context/$SIZE" \
        "localhost/scratchpack-bench:$SIZE" "$work/image.tar"
      podman_cmd rmi --force "localhost/scratchpack-bench:$SIZE" >/dev/null
      ;;
    gzip) timed "$work/image.tar" gzip -6 -n -c "$INPUT" ;;
    deflate-jdk | deflate-jzlib) timed "$work/out" "${DEFLATE[@]}" "${1#deflate-}" "$INPUT" "$work/image.tar" ;;
    deflate-fingerprint) timed "$work/out" "${DEFLATE[@]}" fingerprint && : >"$work/image.tar" ;;
  esac
  case "$1" in sp-* | jib | deflate-*) JVM_S=$(jvm_seconds "$work/out") ;; esac
  BYTES=$(stat -c %s "$work/image.tar")
  rm -rf "$work"
}

label() {
  case "$1" in
    sp-gzip-1) echo "scratchpack, gzip, 1 thread" ;;
    sp-gzip) echo "scratchpack, parallel gzip ($NPROC threads)" ;;
    sp-gzip6) echo "scratchpack, parallel gzip ($NPROC threads), level 6 as jib" ;;
    sp-zstd) echo "scratchpack, zstd" ;;
    sp-none) echo "scratchpack, no compression" ;;
    sp-rebuild) echo "scratchpack, unchanged rebuild, parallel gzip" ;;
    jib) echo "jib-core 0.28.1, cold cache" ;;
    podman) echo "podman build + podman save (oci-archive)" ;;
    gzip) echo "gzip -6 of the executable alone" ;;
    deflate-jdk) echo "the executable alone, parallel gzip ($NPROC threads), the JDK's deflate (zlib)" ;;
    deflate-jzlib) echo "the executable alone, parallel gzip ($NPROC threads), jzlib 1.1.3 (pure Java)" ;;
    deflate-fingerprint) echo "deflate fingerprint alone (a JVM that only computes it)" ;;
    *) die "unknown row $1; rows are sp-gzip-1 sp-gzip sp-gzip6 sp-zstd sp-none sp-rebuild jib podman gzip" \
      "deflate-jdk deflate-jzlib deflate-fingerprint" ;;
  esac
}

ROW_LIST=()
FIXED_ROWS=()
IFS=, read -r -a ALL_ROWS <<<"$ROWS"
for row in "${ALL_ROWS[@]}"; do
  case "$row" in
    push | package) FIXED_ROWS+=("$row") ;;
    *) label "$row" >/dev/null && ROW_LIST+=("$row") ;;
  esac
done
available() { # ROW: whether this machine and this scratchpack can measure the row
  case "$1" in
    sp-zstd) "${SCRATCHPACK[@]}" supports zstd ;;
    podman) [ "$HAVE_PODMAN" = yes ] ;;
  esac
}

log "warm-up: one untimed build of each row on the $(stat -c %s "$SERVER")-byte server"
INPUT=$SERVER SIZE=warmup
MEASURED=()
for row in "${ROW_LIST[@]}"; do
  if available "$row"; then
    MEASURED+=("$row")
    measure "$row"
  else
    log "$(label "$row"): not available here, shown as n/a"
  fi
done

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
PUSH_SIZE=${SIZE_LIST[0]}
for size in "${SIZE_LIST[@]}"; do [ "$size" != 64 ] || PUSH_SIZE=64; done
[ ${#ROW_LIST[@]} -gt 0 ] || SIZE_LIST=()
for SIZE in "${SIZE_LIST[@]}"; do
  INPUT=$TARGET/inputs/$SIZE/app
  # Rows take turns within each run, so that a slow spell on a shared machine hits every row alike.
  for run in $(seq 1 "$RUNS"); do
    for row in "${ROW_LIST[@]}"; do
      case " ${MEASURED[*]} " in
        *" $row "*) ;;
        *)
          [ "$run" -gt 1 ] || printf '%s\t%s\t%s\tn/a\t-\t-\t-\t-\n' "$SIZE" "$row" "$(label "$row")" >>"$RESULTS"
          continue
          ;;
      esac
      measure "$row"
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$SIZE" "$row" "$(label "$row")" "$WALL" "$RSS_KIB" "$BYTES" \
        "$JVM_S" "$UNCHANGED" >>"$RESULTS"
      log "$SIZE MiB, run $run/$RUNS: $(label "$row"): $WALL s, $((RSS_KIB / 1024)) MiB peak RSS"
    done
  done
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# ---------------------------------------------------------------------------------------------------- table
[ ${#ROW_LIST[@]} -gt 0 ] && {
  commit=$(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo "no git")
  cpu=$(sed -n 's/^model name[^:]*: //p;T;q' /proc/cpuinfo)
  memory=$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)
  echo "scratchpack $VERSION ($commit) benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "- Machine: $NPROC cores (nproc), $cpu, $memory RAM, $(uname -sr)"
  echo "- Load average (1, 5, 15 min) before: $LOAD_BEFORE; after: $LOAD_AFTER"
  podman_version="no podman"
  [ "$HAVE_PODMAN" = no ] || podman_version=$(podman --version)
  echo "- $("$JAVA" -version 2>&1 | head -n 1); $podman_version; $(gzip --version | head -n 1)"
  echo "- Median of $RUNS runs per row, each in a fresh process (JVM start-up included for scratchpack and jib-core)"
  echo
  "$JAVA" -cp "$(classpath scratchpack-harness)" io.github.scratchpack.bench.ResultTable "$RESULTS"
} | tee "$TARGET/results.md"

# ---------------------------------------------------------------------------------------------------- fixed costs
if [ ${#FIXED_ROWS[@]} -gt 0 ]; then
  # shellcheck source=fixed-costs.sh
  . "$BENCH/fixed-costs.sh"
fi
