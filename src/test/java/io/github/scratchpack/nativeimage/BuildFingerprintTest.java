package io.github.scratchpack.nativeimage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fingerprint file: what it stores, what counts as a change, and content digests of jars and directories. */
class BuildFingerprintTest {
    @TempDir
    Path directory;

    private BuildInputs inputs(List<String> arguments, List<Path> classpath) throws Exception {
        return new BuildInputs("launcher sha256:1", "native-image 21.0.2 2024-01-16", "/usr/bin/cc sha256:2 gcc 12",
                arguments, BuildInputs.digestClasspath(classpath));
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
}
