package io.github.scratchpack.output;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scratchpack.image.CaCertificates;
import io.github.scratchpack.testing.ExternalTool;
import io.github.scratchpack.testing.StaticBinaries;
import io.github.scratchpack.testing.TarballBuildMain;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Packages a 1 GiB executable in a JVM whose heap may not exceed 128 MB: memory must not grow with the input. */
class BoundedMemoryTest {
    @TempDir
    Path dir;

    @Test
    void oneGibibyteExecutablePackagesWithin128MbOfHeap() throws Exception {
        Path binary = StaticBinaries.staticServer(dir, "big-server");
        try (RandomAccessFile file = new RandomAccessFile(binary.toFile(), "rw")) {
            file.setLength(1L << 30);
        }
        Path pem = Files.write(dir.resolve("ca.pem"), CaCertificates.fromJavaRuntime(Path.of(System.getProperty("java.home"))));
        Path tarball = dir.resolve("out/image.tar");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = List.of(java.toString(), "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                TarballBuildMain.class.getName(), binary.toString(), pem.toString(), dir.resolve("work").toString(),
                tarball.toString());
        ExternalTool.run(Duration.ofMinutes(3), command).checked(command);
        assertTrue(Files.size(tarball) > 1024 * 1024, "the layer of 1 GiB compresses to more than 1 MiB of gzip");
    }
}
