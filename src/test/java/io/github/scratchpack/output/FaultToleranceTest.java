package io.github.scratchpack.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.scratchpack.image.CaCertificates;
import io.github.scratchpack.image.Compression;
import io.github.scratchpack.testing.StaticBinaries;
import io.github.scratchpack.testing.TarballBuildMain;
import io.github.scratchpack.testing.TmpfsMount;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real faults while writing: the JVM killed half-way, and a disk that fills up. */
class FaultToleranceTest {
    @TempDir
    Path dir;

    private Path pem() throws IOException {
        return Files.write(dir.resolve("ca.pem"), CaCertificates.fromJavaRuntime(Path.of(System.getProperty("java.home"))));
    }

    private List<Path> temporaries(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    @Test
    void killedMidWriteLeavesThePreviousTarballAndTheNextRunCleansUp() throws Exception {
        Path small = StaticBinaries.staticServer(dir, "server");
        Path tarball = dir.resolve("out/image.tar");
        TarballBuildMain.build(small, pem(), dir.resolve("work"), tarball, Compression.NONE);
        byte[] previous = Files.readAllBytes(tarball);

        Path big = StaticBinaries.staticServer(dir, "big");
        try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
            file.setLength(768L << 20);
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                TarballBuildMain.class.getName(), big.toString(), pem().toString(), dir.resolve("work").toString(),
                tarball.toString(), "none").redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (temporaries(tarball.getParent()).stream().noneMatch(this::holdsSomeMegabytes)) {
                if (!child.isAlive() || System.nanoTime() > deadline) {
                    fail("the child finished or timed out before it was killed: " + Files.readString(dir.resolve("child.log")));
                }
                Thread.sleep(5);
            }
        } finally {
            child.destroyForcibly().waitFor();
        }
        assertEquals(137, child.exitValue(), "killed by SIGKILL");
        assertArrayEquals(previous, Files.readAllBytes(tarball), "the final path holds the previous tarball");
        assertEquals(1, temporaries(tarball.getParent()).size(), "the killed run left its temporary file");

        TarballBuildMain.build(small, pem(), dir.resolve("work"), tarball, Compression.NONE);
        assertEquals(List.of(), temporaries(tarball.getParent()), "the next run removed the leftover");
        assertArrayEquals(previous, Files.readAllBytes(tarball));
    }

    private boolean holdsSomeMegabytes(Path file) {
        try {
            return Files.size(file) > (16 << 20);
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void fullDiskFailsWithAClearMessageAndLeavesNothingPartial() throws Exception {
        Path binary = StaticBinaries.staticServer(dir, "noisy");
        byte[] noise = new byte[6 << 20];
        new Random(1).nextBytes(noise);
        try (OutputStream out = Files.newOutputStream(binary, java.nio.file.StandardOpenOption.APPEND)) {
            out.write(noise);
        }
        try (TmpfsMount small = TmpfsMount.mount(dir.resolve("small"), "size=4m")) {
            Path tarball = small.directory().resolve("image.tar");
            IOException failure = assertThrows(IOException.class,
                    () -> TarballBuildMain.build(binary, pem(), dir.resolve("work"), tarball, Compression.GZIP));
            assertTrue(failure.getMessage().contains("is full"), failure.getMessage());
            assertTrue(failure.getMessage().contains("Free some space"), failure.getMessage());
            try (Stream<Path> left = Files.list(small.directory())) {
                assertEquals(List.of(), left.toList(), "nothing partial is left on the full disk");
            }
        }
    }
}
