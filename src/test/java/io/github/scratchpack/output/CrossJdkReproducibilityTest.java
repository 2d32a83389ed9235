package io.github.scratchpack.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.scratchpack.image.CaCertificates;
import io.github.scratchpack.image.Compression;
import io.github.scratchpack.testing.ExternalTool;
import io.github.scratchpack.testing.StaticBinaries;
import io.github.scratchpack.testing.TarballBuildMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds the same image on the JDK running the tests and on a second JDK (Temurin 25 here; set
 * {@code SCRATCHPACK_SECOND_JDK} to choose another), and demands identical tarballs.
 */
class CrossJdkReproducibilityTest {
    @TempDir
    Path dir;

    private static Path secondJdk() throws Exception {
        String configured = System.getenv("SCRATCHPACK_SECOND_JDK");
        if (configured != null) {
            return Path.of(configured);
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> candidates = Files.list(jvms)) {
                var found = candidates.filter(p -> p.getFileName().toString().contains("25"))
                        .filter(p -> Files.isExecutable(p.resolve("bin/java"))).sorted().findFirst();
                if (found.isPresent()) {
                    return found.get();
                }
            }
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("No second JDK (25) found; set SCRATCHPACK_SECOND_JDK");
        }
        Assumptions.abort("No second JDK found; set SCRATCHPACK_SECOND_JDK");
        return null;
    }

    @Test
    void tarballIsIdenticalOnJdk17AndJdk25() throws Exception {
        Path otherJava = secondJdk().resolve("bin/java");
        Path binary = StaticBinaries.staticServer(dir, "server");
        Path pem = Files.write(dir.resolve("ca.pem"), CaCertificates.fromJavaRuntime(Path.of(System.getProperty("java.home"))));
        Path here = dir.resolve("here/image.tar");
        TarballBuildMain.build(binary, pem, dir.resolve("work-here"), here, Compression.GZIP);
        Path there = dir.resolve("there/image.tar");
        String version = ExternalTool.check(List.of(otherJava.toString(), "-version"));
        assertTrue(!version.contains("\"" + Runtime.version().feature() + "."), "the second JDK is the same version: " + version);
        ExternalTool.run(Duration.ofMinutes(2), List.of(otherJava.toString(), "-cp", System.getProperty("java.class.path"),
                TarballBuildMain.class.getName(), binary.toString(), pem.toString(), dir.resolve("work-there").toString(),
                there.toString())).checked(List.of("java", TarballBuildMain.class.getName()));
        assertArrayEquals(Files.readAllBytes(here), Files.readAllBytes(there));
    }
}
