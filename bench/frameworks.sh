#!/usr/bin/env bash
# Builds each framework example (examples/spring-boot, examples/micronaut, examples/javalin) twice with the same
# GraalVM: with scratchpack's native-image and image goals as the example declares them, and with the GraalVM
# native-maven-plugin (NMP) 0.11.x given --static --libc=musl (Spring Boot through its parent's `native` profile,
# Micronaut through its documented `-Dpackaging=native-image`); NMP's executable is packaged by the image goal, so the
# image sizes compare executables. Prints one markdown table; by hand, not in CI (each build takes minutes).
#
#   bench/frameworks.sh [--examples spring-boot,micronaut,javalin] [--nmp-version 0.11.1]
#
# Needs GRAALVM_HOME (a GraalVM for JDK 17 or newer with static musl support, such as the kit of .ci/graalvm-kit.sh),
# x86_64-linux-musl-gcc with a musl zlib on PATH, curl, and Maven. Everything goes under bench/target/frameworks: the
# plugin is installed into a repository of its own there (dependencies are copied from ~/.m2, which acts as a remote),
# nothing into ~/.m2 but what Maven downloads anyway. The table goes to stdout and bench/target/frameworks/results.md.
set -euo pipefail

BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH")
WORK=$BENCH/target/frameworks
EXAMPLES=spring-boot,micronaut,javalin
NMP_VERSION=0.11.1
while [ $# -gt 0 ]; do
  case "$1" in
    --examples) EXAMPLES=$2; shift 2 ;;
    --nmp-version) NMP_VERSION=$2; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "Unknown option $1; see bench/frameworks.sh --help" >&2; exit 2 ;;
  esac
done

log() { echo "frameworks: $*" >&2; }
die() { echo "frameworks: $*" >&2; exit 1; }
[ -x "${GRAALVM_HOME:-}/bin/native-image" ] || die "GRAALVM_HOME must point at a GraalVM with bin/native-image"
for tool in mvn curl x86_64-linux-musl-gcc python3; do
  command -v "$tool" >/dev/null || die "$tool is missing"
done

rm -rf "$WORK"
mkdir -p "$WORK/repo"
M2=${MAVEN_REPO:-$HOME/.m2/repository}
sed "s#@itRepositoryUrl@#file://$M2#" "$ROOT/it/settings.xml" >"$WORK/settings.xml"
MVN=(mvn -B -s "$WORK/settings.xml" -Dmaven.repo.local="$WORK/repo")

log "building the plugin and installing it into $WORK/repo"
mvn -B -q -f "$ROOT/pom.xml" -DskipTests -Dinvoker.skip -Dmaven.javadoc.skip -Dmaven.source.skip package >"$WORK/plugin.log" 2>&1 \
  || die "building the plugin failed; see $WORK/plugin.log"
"${MVN[@]}" -q org.apache.maven.plugins:maven-install-plugin:3.1.3:install-file -Dfile="$(ls "$ROOT"/target/scratchpack-maven-plugin-*-SNAPSHOT.jar | grep -v -e sources -e javadoc)" \
  -DpomFile="$ROOT/dependency-reduced-pom.xml" >>"$WORK/plugin.log" 2>&1 || die "installing the plugin failed; see $WORK/plugin.log"

# The NMP variant of an example's POM: scratchpack's native-image goal removed (its image goal packages NMP's
# executable), and native-maven-plugin added with the same builder options scratchpack passes.
nmp_pom() { # EXAMPLE POM
  python3 - "$1" "$2" "$NMP_VERSION" <<'PY'
import re, sys
example, path, version = sys.argv[1:]
pom = open(path).read()
pom = pom.replace('<goal>native-image</goal>', '', 1)
pom = pom.replace('<goal>smoke-test</goal>', '', 1)
binary = '<binary>${project.build.directory}/${project.artifactId}</binary>'
pom = pom.replace('<ports>', binary + '<ports>', 1)
nmp = f'''<plugin>
  <groupId>org.graalvm.buildtools</groupId>
  <artifactId>native-maven-plugin</artifactId>
  <version>{version}</version>
  <extensions>true</extensions>
  <executions><execution><id>build-native</id><goals><goal>compile-no-fork</goal></goals><phase>package</phase></execution></executions>
  <configuration>
    <imageName>${{project.artifactId}}</imageName>
    <requiredVersion>17</requiredVersion>
    <metadataRepository><enabled>true</enabled></metadataRepository>
    <buildArgs combine.children="append">
      <buildArg>--static</buildArg><buildArg>--libc=musl</buildArg><buildArg>-march=compatibility</buildArg>
      <buildArg>--install-exit-handlers</buildArg><buildArg>--no-fallback</buildArg>
    </buildArgs>
  </configuration>
</plugin>
'''
if example == 'micronaut':
    # Micronaut's own path (-Dpackaging=native-image) runs NMP's compile-no-fork itself
    nmp = re.sub(r'<executions>.*?</executions>', '', nmp, flags=re.S)
# before the scratchpack plugin, so that NMP's executable exists when the image goal runs
pom = pom.replace('<plugin>\n        <groupId>io.github.scratchpack</groupId>', nmp + '<plugin>\n        <groupId>io.github.scratchpack</groupId>', 1)
open(path, 'w').write(pom)
PY
}

# Runs an executable on a free port and prints the milliseconds until its first HTTP answer. SERVICE_CONFIG names the
# configuration file that the image holds (examples/javalin reads one; the others ignore it).
first_answer() { # EXECUTABLE PATH CONFIG
  local port start pid ms
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  start=$(date +%s%N)
  PORT=$port UPSTREAM_URL=https://127.0.0.1:1/ SERVICE_CONFIG=$3 "$1" >/dev/null 2>&1 &
  pid=$!
  ms=timeout
  for _ in $(seq 1 2000); do
    if curl -sf -o /dev/null "http://127.0.0.1:$port$2"; then
      ms=$(( ($(date +%s%N) - start) / 1000000 )); break
    fi
    sleep 0.005
  done
  kill -TERM "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true
  echo "$ms"
}

mib() { awk -v b="$1" 'BEGIN { printf "%.1f MiB", b / 1048576 }'; }

declare -A READY=([spring-boot]=/actuator/health [micronaut]=/greeting [javalin]=/health)
ROWS=()
for example in ${EXAMPLES//,/ }; do
  for tool in scratchpack nmp; do
    dir=$WORK/$example-$tool
    cp -r "$ROOT/examples/$example" "$dir"
    rm -rf "$dir/target"
    args=(package -DskipTests)
    # micronaut-parent's enforcer needs Maven 3.9 or newer (docs/frameworks.md)
    [ "$example" = micronaut ] && args+=(-Denforcer.skip=true)
    if [ "$tool" = nmp ]; then
      nmp_pom "$example" "$dir/pom.xml"
      case "$example" in
        spring-boot) args+=(-Pnative) ;;
        micronaut) args+=(-Dpackaging=native-image -Dmaven.native.plugin.version="$NMP_VERSION") ;;
      esac
    fi
    log "$example with $tool: mvn ${args[*]} (load $(cut -d' ' -f1-3 /proc/loadavg))"
    start=$(date +%s)
    (cd "$dir" && nice -n 10 "${MVN[@]}" "${args[@]}" >build.log 2>&1) || die "$example with $tool failed; see $dir/build.log"
    seconds=$(( $(date +%s) - start ))
    executable=$dir/target/$example
    native=$(grep -o "Finished generating '[^']*' in [0-9ms ]*" "$dir/build.log" | sed 's/.* in //' | tail -1)
    peak=$(grep -o 'Peak RSS: [0-9.]*[GM]B' "$dir/build.log" | sed 's/Peak RSS: //' | tail -1)
    tarball=$dir/target/scratchpack/image.tar
    answer=$(first_answer "$executable" "${READY[$example]}" "$dir/src/main/config/$example.properties")
    ROWS+=("| $example | $tool | ${seconds} s | ${native:-?} | ${peak:-?} | $(mib "$(stat -c %s "$executable")") | $(mib "$(stat -c %s "$tarball")") | ${answer} ms |")
  done
done

{
  echo "Run on $(date -u '+%Y-%m-%d %H:%M UTC') (commit $(git -C "$ROOT" rev-parse --short HEAD)), $(nproc) cores,"
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg); $("$GRAALVM_HOME/bin/native-image" --version | head -1); NMP $NMP_VERSION"
  echo
  echo "| Example | Built by | mvn package | native-image | Peak builder memory | Executable | Image tarball (gzip) | First answer |"
  echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"
  printf '%s\n' "${ROWS[@]}"
} | tee "$WORK/results.md"
