package io.github.scratchpack.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.util.Native;
import com.github.luben.zstd.util.ZstdVersion;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZstdNativeLibraryTest {
    @TempDir
    Path temporary;

    @BeforeEach
    void onLinuxAmd64() {
        assumeTrue(System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").equals("amd64"),
                "the test compares against zstd-jni's linux/amd64 library");
    }

    private static byte[] libraryInJar() throws IOException {
        try (InputStream in = Native.class.getResourceAsStream("/linux/amd64/libzstd-jni-" + ZstdVersion.VERSION + ".so")) {
            return in.readAllBytes();
        }
    }

    @Test
    void copiesTheJarsLibraryOnceReadableByItsOwnerOnly() throws IOException {
        Path directory = temporary.resolve("cache/scratchpack/native");
        Path library = ZstdNativeLibrary.cachedCopy(directory).orElseThrow();
        assertEquals(directory, library.getParent());
        assertArrayEquals(libraryInJar(), Files.readAllBytes(library));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)));
        assertEquals("r-x------", PosixFilePermissions.toString(Files.getPosixFilePermissions(library)));
        Object firstCopy = Files.readAttributes(library, "unix:ino").get("ino");

        assertEquals(Optional.of(library), ZstdNativeLibrary.cachedCopy(directory));
        assertEquals(firstCopy, Files.readAttributes(library, "unix:ino").get("ino"), "copied a second time");
        try (var entries = Files.list(directory)) {
            assertEquals(List.of(library), entries.toList(), "left a temporary file behind");
        }
    }

    @Test
    void replacesACopyThatIsNotWhole() throws IOException {
        Path directory = temporary.resolve("native");
        Path library = ZstdNativeLibrary.cachedCopy(directory).orElseThrow();
        Files.setPosixFilePermissions(library, PosixFilePermissions.fromString("rw-------"));
        byte[] whole = Files.readAllBytes(library);
        Files.write(library, Arrays.copyOf(whole, whole.length / 2));

        assertEquals(Optional.of(library), ZstdNativeLibrary.cachedCopy(directory));
        assertArrayEquals(libraryInJar(), Files.readAllBytes(library));
    }

    @Test
    void refusesACacheThatOthersMayWrite() throws IOException {
        Path directory = Files.createDirectories(temporary.resolve("shared"));
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertEquals(Optional.empty(), ZstdNativeLibrary.cachedCopy(directory));

        Path own = temporary.resolve("own");
        Path library = ZstdNativeLibrary.cachedCopy(own).orElseThrow();
        Files.setPosixFilePermissions(library, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertEquals(Optional.empty(), ZstdNativeLibrary.cachedCopy(own));
    }

    @Test
    void refusesACacheUnderADirectoryOthersMayChange() throws IOException {
        Path open = Files.createDirectories(temporary.resolve("open"));
        Files.setAttribute(open, "unix:mode", 0777);
        assertEquals(Optional.empty(), ZstdNativeLibrary.cachedCopy(open.resolve("scratchpack/native")));

        Path sticky = Files.createDirectories(temporary.resolve("sticky"));
        Files.setAttribute(sticky, "unix:mode", 01777);
        assertTrue(ZstdNativeLibrary.cachedCopy(sticky.resolve("native")).isPresent(), "a sticky directory, as /tmp");
    }

    /** In a JVM of its own, so that the library is not loaded yet: zstd then runs on the cached copy. */
    @Test
    void aFreshJvmLoadsTheCachedCopyAndCompresses() throws Exception {
        Path cache = temporary.resolve("xdg");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CompressInFreshJvm.class.getName()).redirectErrorStream(true);
        builder.environment().put("XDG_CACHE_HOME", cache.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);

        Path library;
        try (var entries = Files.list(cache.resolve("scratchpack/native"))) {
            library = entries.findFirst().orElseThrow();
        }
        assertTrue(output.contains("mapped: " + library), output);
        assertTrue(output.contains("round trip: ok"), output);
    }

    /** Compresses with zstd, then says which zstd-jni library this process mapped and whether the bytes survived. */
    public static final class CompressInFreshJvm {
        public static void main(String[] args) throws IOException {
            byte[] input = "scratchpack ".repeat(10_000).getBytes(StandardCharsets.US_ASCII);
            ByteArrayOutputStream compressed = new ByteArrayOutputStream();
            try (OutputStream zstd = Compression.ZSTD.compress(compressed, 3, 1)) {
                zstd.write(input);
            }
            for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
                if (line.contains("libzstd-jni")) {
                    System.out.println("mapped: " + line.substring(line.indexOf('/')));
                    break;
                }
            }
            try (ZstdInputStream in = new ZstdInputStream(new ByteArrayInputStream(compressed.toByteArray()))) {
                System.out.println("round trip: " + (Arrays.equals(input, in.readAllBytes()) ? "ok" : "broken"));
            }
        }
    }
}
