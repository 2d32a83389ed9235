package io.github.scratchpack.testing;

import io.github.scratchpack.elf.StaticExecutableCheck;
import io.github.scratchpack.image.ImageReference;
import io.github.scratchpack.image.ImageSpec;
import io.github.scratchpack.output.TarballBuild;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The image tarball of the static test server ({@code src/test/c/http-server.c}, entrypoint {@code /app/server}, which
 * listens on the port given as its argument), as the image goal writes it.
 */
public final class HttpServerImage {
    private HttpServerImage() {
    }

    /** Writes {@code image/image.tar} and its {@code image.json} under {@code dir}; returns the tarball. */
    public static Path build(Path dir, String reference) throws Exception {
        Path binary = StaticBinaries.staticServer(dir, "server");
        ImageSpec spec = ImageSpec.builder(binary, StaticExecutableCheck.check(binary), ImageReference.parse(reference))
                .port("8080").creationTime(Instant.parse("2026-01-01T00:00:00Z")).build();
        Path tarball = dir.resolve("image/image.tar");
        new TarballBuild(dir.resolve("work")).run(spec, tarball, tarball.resolveSibling("image.json"));
        return tarball;
    }
}
