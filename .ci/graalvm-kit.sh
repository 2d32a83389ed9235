# Sourced by the README's test command (POSIX sh): puts a real GraalVM native-image builder in place for the
# real-GraalVM test tier, and exports GRAALVM_HOME, a PATH with its musl compiler, and SCRATCHPACK_MUSL_TOOLCHAIN
# (that compiler's directory, with zlib built for musl), which the tests that need a musl toolchain use as it is.
#
# - GRAALVM_HOME already set: used as it is (your own GraalVM, with x86_64-linux-musl-gcc on PATH).
# - Otherwise the kit ../shared/graalvm/assemble.sh beside the clone (or $SCRATCHPACK_GRAALVM_KIT) assembles Substrate VM 23.0.2 on
#   Debian's OpenJDK 17 into ${XDG_CACHE_HOME:-~/.cache}/scratchpack/graalvm-kit, outside the clone, once; later
#   runs reuse it at once.
# - No kit: the real tier is skipped, except under CI=true, where this fails.
scratchpack_kit_fail() {
    echo "graalvm-kit: $1" >&2
    if [ "${CI:-}" = "true" ]; then
        echo "graalvm-kit: CI=true needs the real-GraalVM tier; set GRAALVM_HOME or SCRATCHPACK_GRAALVM_KIT." >&2
        return 1
    fi
    echo "graalvm-kit: the real-GraalVM tests will be skipped." >&2
    return 0
}

scratchpack_kit() {
    if [ -n "${GRAALVM_HOME:-}" ]; then
        echo "graalvm-kit: using GRAALVM_HOME=$GRAALVM_HOME" >&2
        return 0
    fi
    kit=${SCRATCHPACK_GRAALVM_KIT:-$PWD/../shared/graalvm}
    if [ ! -f "$kit/assemble.sh" ]; then
        scratchpack_kit_fail "no GraalVM kit at $kit (assemble.sh)"
        return
    fi
    out=${XDG_CACHE_HOME:-$HOME/.cache}/scratchpack/graalvm-kit
    echo "graalvm-kit: assembling (or reusing) $out from $kit" >&2
    start=$(date +%s)
    if ! bash "$kit/assemble.sh" "$out" >&2; then
        scratchpack_kit_fail "assembling the GraalVM kit into $out failed (see $out/work/assemble.log)"
        return
    fi
    echo "graalvm-kit: ready in $(( $(date +%s) - start )) s" >&2
    GRAALVM_HOME=$out/graalvm
    PATH=$out/musl/bin:$PATH
    SCRATCHPACK_MUSL_TOOLCHAIN=$out/musl
    export GRAALVM_HOME PATH SCRATCHPACK_MUSL_TOOLCHAIN
}

scratchpack_kit
