package io.github.scratchpack.nativeimage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scratchpack.nativeimage.ReachabilityMetadata.Library;
import io.github.scratchpack.nativeimage.ReachabilityMetadata.Match;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Choosing a library's metadata from the reachability metadata repository, as a zip or a directory. */
class ReachabilityMetadataTest {
    @TempDir
    Path directory;

    private Path repository;
    private Path destination;

    @BeforeEach
    void repository() throws Exception {
        repository = directory.resolve("repository");
        destination = directory.resolve("target/scratchpack-native/reachability-metadata");
        write("index.json", """
                [ { "directory" : "com.example/cache", "module" : "com.example:cache" },
                  { "directory" : "org.example/logging", "module" : "org.example:logging", "requires" : [ "com.example:cache" ] } ]""");
        write("com.example/cache/index.json", """
                [ { "latest" : true, "module" : "com.example:cache", "metadata-version" : "3.1.2",
                    "tested-versions" : [ "3.1.2", "3.1.8" ] },
                  { "module" : "com.example:cache", "metadata-version" : "2.9.3", "tested-versions" : [ "2.9.3" ],
                    "default-for" : "2\\\\..*" } ]""");
        write("com.example/cache/3.1.2/reflect-config.json", "[ { \"name\" : \"com.example.cache.SSMSA\" } ]");
        write("com.example/cache/2.9.3/reflect-config.json", "[ { \"name\" : \"com.example.cache.Old\" } ]");
        write("org.example/logging/index.json", """
                [ { "latest" : true, "module" : "org.example:logging", "metadata-version" : "1.0", "tested-versions" : [ "1.0" ] } ]""");
        write("org.example/logging/1.0/resource-config.json", "{ }");
    }

    private void write(String path, String content) throws Exception {
        Path file = repository.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    @Test
    void theTestedVersionIsChosenAndCopiedIntoTheBuildDirectory() throws Exception {
        List<Match> matches = ReachabilityMetadata.prepare(repository, List.of(new Library("com.example", "cache", "3.1.8"),
                new Library("org.unknown", "none", "1.0")), destination);

        assertEquals(1, matches.size());
        Match match = matches.get(0);
        assertEquals("3.1.2", match.metadataVersion());
        assertTrue(match.tested());
        assertEquals(destination.resolve("com.example/cache/3.1.2"), match.directory());
        assertEquals("[ { \"name\" : \"com.example.cache.SSMSA\" } ]", Files.readString(match.directory().resolve("reflect-config.json")));
        assertEquals("com.example:cache:3.1.8 -> metadata 3.1.2", match.describe());
    }

    @Test
    void anUntestedVersionTakesTheMatchingRangeElseTheNewestAndSaysSo() throws Exception {
        List<Match> matches = ReachabilityMetadata.prepare(repository, List.of(new Library("com.example", "cache", "2.8.0"),
                new Library("org.example", "logging", "1.1")), destination);

        assertEquals("2.9.3", matches.get(0).metadataVersion());
        assertFalse(matches.get(0).tested());
        assertEquals("1.0", matches.get(1).metadataVersion());
        assertEquals("org.example:logging:1.1 -> metadata 1.0 (not tested with 1.1; the closest the repository has)",
                matches.get(1).describe());
        assertEquals(destination.resolve("org.example/logging/1.0"), matches.get(1).directory());
        assertEquals(destination.resolve("com.example/cache/3.1.2").toFile().exists(), false);
    }

    @Test
    void theRepositoryZipWorksAsTheDirectoryDoesAndStaleCopiesGo() throws Exception {
        Path zip = directory.resolve("graalvm-reachability-metadata-0.11.5-repository.zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream entries = new ZipOutputStream(out);
                Stream<Path> files = Files.walk(repository)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                entries.putNextEntry(new ZipEntry(repository.relativize(file).toString()));
                entries.write(Files.readAllBytes(file));
                entries.closeEntry();
            }
        }
        Files.createDirectories(destination.resolve("old.group/old"));

        List<Match> matches = ReachabilityMetadata.prepare(zip, List.of(new Library("com.example", "cache", "3.1.2")), destination);

        assertEquals(destination.resolve("com.example/cache/3.1.2"), matches.get(0).directory());
        assertTrue(Files.isRegularFile(matches.get(0).directory().resolve("reflect-config.json")));
        assertFalse(Files.exists(destination.resolve("old.group")), "a copy from an earlier build stayed");
    }

    @Test
    void changedMetadataChangesTheFingerprint() throws Exception {
        Match match = ReachabilityMetadata.prepare(repository, List.of(new Library("com.example", "cache", "3.1.2")),
                destination).get(0);
        List<String> before = BuildInputs.digest(List.of(match.directory()));
        write("com.example/cache/3.1.2/reflect-config.json", "[ { \"name\" : \"com.example.cache.SSMSW\" } ]");
        ReachabilityMetadata.prepare(repository, List.of(new Library("com.example", "cache", "3.1.2")), destination);

        assertNotEquals(before, BuildInputs.digest(List.of(match.directory())));
    }

    @Test
    void notARepositoryIsRefusedSayingWhatItNeeds() throws Exception {
        Files.createDirectories(directory.resolve("empty"));
        NativeImageException failure = assertThrows(NativeImageException.class, () -> ReachabilityMetadata.prepare(
                directory.resolve("empty"), List.of(new Library("com.example", "cache", "3.1.2")), destination));
        assertTrue(failure.getMessage().contains("has no index.json"), failure.getMessage());
        NativeImageException missing = assertThrows(NativeImageException.class, () -> ReachabilityMetadata.prepare(
                directory.resolve("nowhere.zip"), List.of(new Library("com.example", "cache", "3.1.2")), destination));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
    }
}
