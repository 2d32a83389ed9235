package io.github.scratchpack.nativeimage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fingerprint file: what it stores, what counts as a change, and content digests of jars and directories. */
class BuildFingerprintTest {
    @TempDir
    Path directory;

    private BuildInputs inputs(List<String> arguments, List<Path> classpath) throws Exception {
        return new BuildInputs("launcher sha256:1", "native-image 21.0.2 2024-01-16", "/usr/bin/cc sha256:2 gcc 12",
                arguments, BuildInputs.digest(classpath), List.of(), List.of(), List.of());
    }

    @Test
    void unchangedInputsAndExecutableMatchAndEachChangeDoesNot() throws Exception {
        Path jar = Files.writeString(directory.resolve("app.jar"), "v1");
        Path executable = Files.writeString(directory.resolve("app"), "ELF");
        BuildInputs inputs = inputs(List.of("--static", "Main"), List.of(jar));
        BuildFingerprint.write(BuildFingerprint.fileFor(executable), inputs, executable);
        BuildFingerprint stored = BuildFingerprint.read(directory.resolve("app.fingerprint")).orElseThrow();

        assertTrue(stored.matches(inputs(List.of("--static", "Main"), List.of(jar)), executable));
        assertEquals(Optional.of("native-image 21.0.2 2024-01-16"), stored.value("version"));
        assertFalse(stored.matches(inputs(List.of("--static", "-Ob", "Main"), List.of(jar)), executable));

        Files.writeString(jar, "v2");
        BuildInputs changedJar = inputs(List.of("--static", "Main"), List.of(jar));
        assertFalse(stored.matches(changedJar, executable));
        assertTrue(stored.differenceFrom(changedJar).startsWith("classpath changed: classpath sha256:"), stored.differenceFrom(changedJar));

        Files.writeString(jar, "v1");
        Files.writeString(executable, "ELF, replaced");
        assertFalse(stored.matches(inputs, executable));
        Files.delete(executable);
        assertFalse(stored.matches(inputs, executable));
    }

    @Test
    void writersAtTheSameTimeEachLeaveAWholeFingerprintAndNoTemporaryFile() throws Exception {
        Path executable = Files.writeString(directory.resolve("app"), "ELF");
        Path file = BuildFingerprint.fileFor(executable);
        int writers = 8;
        ExecutorService threads = Executors.newFixedThreadPool(writers);
        try {
            for (int round = 0; round < 20; round++) {
                CyclicBarrier start = new CyclicBarrier(writers);
                List<Future<Object>> writes = new ArrayList<>();
                for (int writer = 0; writer < writers; writer++) {
                    BuildInputs inputs = inputs(List.of("--static", "Main" + writer), List.of());
                    writes.add(threads.submit(() -> {
                        start.await();
                        BuildFingerprint.write(file, inputs, executable);
                        return null;
                    }));
                }
                for (Future<Object> write : writes) {
                    write.get(30, TimeUnit.SECONDS);
                }
                BuildFingerprint stored = BuildFingerprint.read(file).orElseThrow();
                assertTrue(stored.value("argument").isPresent() && stored.inputLines().size() == 5, stored.toString());
            }
        } finally {
            threads.shutdownNow();
        }
        try (Stream<Path> files = Files.list(directory)) {
            assertEquals(List.of("app", "app.fingerprint"), files.map(path -> path.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void anExecutableHashedOnceSettledIsTrustedByItsStatAndAReplacedOneIsHashedAgain() throws Exception {
        Path executable = Files.writeString(directory.resolve("app"), "ELF one");
        BuildInputs inputs = inputs(List.of("Main"), List.of());
        Path file = BuildFingerprint.fileFor(executable);
        BuildFingerprint.write(file, inputs, executable);
        String written = Files.readString(file);
        BuildFingerprint stored = BuildFingerprint.read(file).orElseThrow();
        assertTrue(stored.matches(inputs, executable));

        // just written, the executable is not yet trusted by its stat; once settled, a match records a stamp for it
        Thread.sleep(250);
        stored.restamp(file, executable);
        String restamped = Files.readString(file);
        assertNotEquals(written, restamped, "the stamp of a file still being written was not renewed");
        BuildFingerprint.read(file).orElseThrow().restamp(file, executable);
        assertEquals(restamped, Files.readString(file), "a trusted stamp was written again");

        // same size, same modification time, other bytes: the change time gives it away, and it is hashed
        long modified = Files.getLastModifiedTime(executable).toMillis();
        Files.writeString(executable, "ELF two");
        executable.toFile().setLastModified(modified);
        assertFalse(BuildFingerprint.read(file).orElseThrow().matches(inputs, executable));
    }

    @Test
    void noFileOrAFileWithoutOutputIsNoFingerprint() throws Exception {
        assertEquals(Optional.empty(), BuildFingerprint.read(directory.resolve("none")));
        assertEquals(Optional.empty(), BuildFingerprint.read(Files.writeString(directory.resolve("half"), "graalvm x\n")));
    }

    @Test
    void directoryDigestFollowsContentAndNamesNotTimes() throws Exception {
        Path classes = Files.createDirectories(directory.resolve("classes/com/example"));
        Path main = Files.writeString(classes.resolve("Main.class"), "bytes");
        String first = ContentDigest.of(directory.resolve("classes"));
        main.toFile().setLastModified(0);
        assertEquals(first, ContentDigest.of(directory.resolve("classes")));
        Files.writeString(main, "other bytes");
        assertNotEquals(first, ContentDigest.of(directory.resolve("classes")));
        Files.writeString(main, "bytes");
        Files.move(main, classes.resolve("Renamed.class"));
        assertNotEquals(first, ContentDigest.of(directory.resolve("classes")));
    }

    private Path jar(String name, long entryTime, String... namesAndContents) throws Exception {
        Path jar = directory.resolve(name);
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(jar))) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                java.util.zip.ZipEntry entry = new java.util.zip.ZipEntry(namesAndContents[i]);
                entry.setTime(entryTime);
                zip.putNextEntry(entry);
                zip.write(namesAndContents[i + 1].getBytes(java.nio.charset.StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return jar;
    }

    @Test
    void jarDigestFollowsEntriesNotTheirTimesOrOrder() throws Exception {
        String first = ContentDigest.ofClasspathEntry(jar("a.jar", 1_000_000_000_000L, "A.class", "a", "B.class", "b"));
        Path rebuilt = jar("b.jar", 1_700_000_000_000L, "B.class", "b", "A.class", "a");
        assertNotEquals(ContentDigest.of(directory.resolve("a.jar")), ContentDigest.of(rebuilt), "the files differ");
        assertEquals(first, ContentDigest.ofClasspathEntry(rebuilt));
        assertNotEquals(first, ContentDigest.ofClasspathEntry(jar("c.jar", 0, "A.class", "a", "B.class", "changed")));
        assertNotEquals(first, ContentDigest.ofClasspathEntry(jar("d.jar", 0, "A.class", "a", "C.class", "b")));
        Path notAJar = Files.writeString(directory.resolve("e.jar"), "not a zip");
        assertEquals(ContentDigest.of(notAJar), ContentDigest.ofClasspathEntry(notAJar));
    }
}
