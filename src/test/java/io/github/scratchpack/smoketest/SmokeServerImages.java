package io.github.scratchpack.smoketest;

import io.github.scratchpack.elf.StaticExecutableCheck;
import io.github.scratchpack.image.ImageReference;
import io.github.scratchpack.image.ImageSpec;
import io.github.scratchpack.output.TarballBuild;
import io.github.scratchpack.testing.StaticBinaries;
import java.nio.file.Path;
import java.time.Instant;

/** Image tarballs of the smoke test's test service ({@code src/test/c/smoke-server.c}), as the image goal writes them. */
final class SmokeServerImages {
    private SmokeServerImages() {
    }

    /**
     * Builds the service with compile-time options and writes its image, tagged {@code scratchpack-smoke-test/<tag>:1}
     * and exposing one port, under {@code dir}.
     */
    static ImageUnderTest build(Path dir, String name, String tag, int port, String... compilerOptions) throws Exception {
        Path binary = StaticBinaries.smokeServer(dir, name, compilerOptions);
        ImageSpec spec = ImageSpec.builder(binary, StaticExecutableCheck.check(binary),
                ImageReference.parse("scratchpack-smoke-test/" + tag + ":1")).port(Integer.toString(port))
                .creationTime(Instant.parse("2026-01-01T00:00:00Z")).build();
        Path tarball = dir.resolve(name + "-image/image.tar");
        new TarballBuild(dir.resolve("work")).run(spec, tarball, tarball.resolveSibling("image.json"));
        return ImageUnderTest.read(tarball, tarball.resolveSibling("image.json"));
    }
}
