package io.github.scratchpack.bench;

import io.github.scratchpack.elf.StaticExecutableCheck;
import io.github.scratchpack.image.CaCertificates;
import io.github.scratchpack.image.Compression;
import io.github.scratchpack.image.ImageReference;
import io.github.scratchpack.image.ImageSpec;
import io.github.scratchpack.output.TarballBuild;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;

/**
 * Builds one image with scratchpack in this JVM, through the same classes the {@code image} goal uses, and prints
 * how long that took inside the JVM. run.sh starts a fresh JVM for every build, as it does for the jib-core runner,
 * so the wall-clock figures of both include JVM start-up alike.
 *
 * <pre>
 * ScratchpackRun check BINARY
 *     Runs scratchpack's static-executable check on BINARY; fails when BINARY could not be packaged.
 * ScratchpackRun supports COMPRESSION
 *     Exits 0 when this build of scratchpack has COMPRESSION (gzip, zstd, none), 1 when it does not.
 * ScratchpackRun build BINARY PEM|none WORK_DIR TARBALL COMPRESSION THREADS
 *     Builds the image bench/app:1 from BINARY, with the PEM bundle (or no CA certificates), the layer work
 *     directory WORK_DIR (what the image goal calls target/scratchpack/cache), COMPRESSION at its default level
 *     (or at LEVEL when written as COMPRESSION:LEVEL, such as gzip:6) and THREADS compression threads (0: one
 *     per core, the goal's default). Writes TARBALL and image.json
 *     beside it, then prints "seconds=S unchanged=true|false|unknown".
 * </pre>
 *
 * The source only uses API that exists both before and after the zstd and cache changes, so that the benchmark
 * compiles against either; what may be missing is looked up at run time.
 */
public final class ScratchpackRun {
    private ScratchpackRun() {
    }

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        switch (args.length == 0 ? "" : args[0]) {
            case "check" -> StaticExecutableCheck.check(Path.of(args[1]));
            case "supports" -> System.exit(compression(args[1]) == null ? 1 : 0);
            case "build" -> {
                Object result = build(Path.of(args[1]), args[2], Path.of(args[3]), Path.of(args[4]), args[5],
                        Integer.parseInt(args[6]));
                double seconds = (System.nanoTime() - started) / 1e9;
                System.out.printf(Locale.ROOT, "seconds=%.3f unchanged=%s%n", seconds, unchanged(result));
            }
            default -> {
                System.err.println("Usage: ScratchpackRun check BINARY | supports COMPRESSION"
                        + " | build BINARY PEM|none WORK_DIR TARBALL COMPRESSION THREADS");
                System.exit(2);
            }
        }
    }

    private static Object build(Path binary, String pem, Path work, Path tarball, String compressionSetting,
                                int threads) throws Exception {
        String[] nameAndLevel = compressionSetting.split(":", 2);
        String compressionName = nameAndLevel[0];
        int level = nameAndLevel.length == 2 ? Integer.parseInt(nameAndLevel[1]) : 0;
        Compression compression = compression(compressionName);
        if (compression == null) {
            throw new IllegalArgumentException("This scratchpack has no compression " + compressionName);
        }
        ImageSpec.Builder spec = ImageSpec.builder(binary, StaticExecutableCheck.check(binary), ImageReference.parse("bench/app:1"))
                .port("8080")
                .certificates(pem.equals("none") ? null : CaCertificates.fromPemFile(Path.of(pem)))
                .creationTime(Instant.EPOCH)
                .compression(compression, level);
        if (threads > 0) {
            spec.threads(threads);
        }
        return new TarballBuild(work).run(spec.build(), tarball, tarball.resolveSibling("image.json"));
    }

    /** The compression of that name, or null when this build of scratchpack does not have it. */
    private static Compression compression(String name) {
        for (Compression candidate : Compression.values()) {
            if (candidate.name().equalsIgnoreCase(name)) {
                return candidate;
            }
        }
        return null;
    }

    /** Whether the build left its outputs untouched, when this build of scratchpack reports that at all. */
    private static String unchanged(Object result) {
        try {
            Method unchanged = result.getClass().getMethod("unchanged");
            return String.valueOf(unchanged.invoke(result));
        } catch (ReflectiveOperationException e) {
            return "unknown";
        }
    }
}
