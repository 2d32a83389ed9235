package io.github.scratchpack.testing;

import io.github.scratchpack.elf.StaticExecutableCheck;
import io.github.scratchpack.image.CaCertificates;
import io.github.scratchpack.image.Compression;
import io.github.scratchpack.image.ImageReference;
import io.github.scratchpack.image.ImageSpec;
import io.github.scratchpack.output.TarballBuild;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Builds one fixed image from a binary and a PEM bundle; run in another JVM to compare its bytes across JDKs.
 * Arguments: the binary, the PEM bundle, the work directory, the tarball path, and optionally the compression.
 */
public final class TarballBuildMain {
    private TarballBuildMain() {
    }

    public static void main(String[] args) throws Exception {
        Compression compression = args.length > 4 ? Compression.parse(args[4]) : Compression.GZIP;
        build(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]), Path.of(args[3]), compression);
    }

    /** Builds the fixed image with gzip layers. */
    public static void build(Path binary, Path pem, Path work, Path tarball) throws Exception {
        build(binary, pem, work, tarball, Compression.GZIP);
    }

    /** Builds the fixed image. */
    public static void build(Path binary, Path pem, Path work, Path tarball, Compression compression) throws Exception {
        ImageSpec spec = ImageSpec.builder(binary, StaticExecutableCheck.check(binary), ImageReference.parse("cross/jdk:1"))
                .port("8080").environment("A", "b").certificates(CaCertificates.fromPemFile(pem)).compression(compression, 0)
                .creationTime(Instant.parse("2026-01-01T00:00:00Z")).build();
        new TarballBuild(work).run(spec, tarball, tarball.resolveSibling("image.json"));
    }
}
