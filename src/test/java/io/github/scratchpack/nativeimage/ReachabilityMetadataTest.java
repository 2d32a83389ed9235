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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
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
                  { "directory" : "org.example/logging", "module" : "org.example:logging", "requires" : [ "com.example:cache" ] },
                  { "module" : "org.example:logging-console", "requires" : [ "org.example:logging", "org.gone:missing" ] },
                  { "directory" : "io.example/codec", "module" : "io.example:codec" } ]""");
        write("com.example/cache/index.json", """
                [ { "latest" : true, "module" : "com.example:cache", "metadata-version" : "3.1.2",
                    "tested-versions" : [ "3.1.2", "3.1.8" ] },
                  { "module" : "com.example:cache", "metadata-version" : "2.9.3", "tested-versions" : [ "2.9.3" ],
                    "default-for" : "2\\\\..*" } ]""");
        write("com.example/cache/3.1.2/reflect-config.json", "[ { \"name\" : \"com.example.cache.SSMSA\" } ]");
        write("com.example/cache/2.9.3/reflect-config.json", "[ { \"name\" : \"com.example.cache.Old\" } ]");
        write("org.example/logging/index.json", """
                [ { "latest" : true, "module" : "org.example:logging", "metadata-version" : "1.0", "tested-versions" : [ "1.0" ] },
                  { "latest" : true, "module" : "org.example:logging-console", "metadata-version" : "console-1.0" } ]""");
        write("org.example/logging/console-1.0/reflect-config.json", "[ ]");
        write("io.example/codec/index.json", """
                [ { "latest" : true, "override" : true, "module" : "io.example:codec", "metadata-version" : "4.1.80.Final",
                    "tested-versions" : [ "4.1.80.Final" ] } ]""");
        write("org.example/logging/1.0/resource-config.json", "{ }");
    }

    private void write(String path, String content) throws Exception {
        Path file = repository.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private Path zipOfRepository() throws Exception {
        Path zip = directory.resolve("graalvm-reachability-metadata-0.11.5-repository.zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream entries = new ZipOutputStream(out);
                Stream<Path> files = Files.walk(repository)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                entries.putNextEntry(new ZipEntry(repository.relativize(file).toString()));
                entries.write(Files.readAllBytes(file));
                entries.closeEntry();
            }
        }
        return zip;
    }

    @Test
    void theTestedVersionIsChosenAndCopiedIntoTheBuildDirectory() throws Exception {
        List<Match> matches = ReachabilityMetadata.prepare(repository, List.of(new Library("com.example", "cache", "3.1.8"),
                new Library("org.unknown", "none", "1.0")), destination);

        assertEquals(1, matches.size());
        Match match = matches.get(0);
        assertEquals("3.1.2", match.metadataVersion());
        assertTrue(match.tested());
        assertEquals(Optional.of(destination.resolve("com.example/cache/3.1.2")), match.directory());
        assertEquals("[ { \"name\" : \"com.example.cache.SSMSA\" } ]", Files.readString(match.directory().orElseThrow().resolve("reflect-config.json")));
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
        assertEquals(Optional.of(destination.resolve("org.example/logging/1.0")), matches.get(1).directory());
        assertEquals(destination.resolve("com.example/cache/3.1.2").toFile().exists(), false);
    }

    @Test
    void theRepositoryZipWorksAsTheDirectoryDoesAndStaleCopiesGo() throws Exception {
        Path zip = zipOfRepository();
        Files.createDirectories(destination.resolve("old.group/old"));

        List<Match> matches = ReachabilityMetadata.prepare(zip, List.of(new Library("com.example", "cache", "3.1.2")), destination);

        assertEquals(Optional.of(destination.resolve("com.example/cache/3.1.2")), matches.get(0).directory());
        assertTrue(Files.isRegularFile(matches.get(0).directory().orElseThrow().resolve("reflect-config.json")));
        assertFalse(Files.exists(destination.resolve("old.group")), "a copy from an earlier build stayed");
    }

    @Test
    void changedMetadataChangesTheFingerprint() throws Exception {
        Match match = ReachabilityMetadata.prepare(repository, List.of(new Library("com.example", "cache", "3.1.2")),
                destination).get(0);
        List<String> before = BuildInputs.digest(List.of(match.directory().orElseThrow()));
        write("com.example/cache/3.1.2/reflect-config.json", "[ { \"name\" : \"com.example.cache.SSMSW\" } ]");
        ReachabilityMetadata.prepare(repository, List.of(new Library("com.example", "cache", "3.1.2")), destination);

        assertNotEquals(before, BuildInputs.digest(List.of(match.directory().orElseThrow())));
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

    @Test
    void anEntryWithoutFilesIsNoErrorAndItsOverrideLeavesTheJarsOwnMetadataOut() throws Exception {
        List<Match> matches = ReachabilityMetadata.prepare(repository, List.of(new Library("io.example", "codec",
                "4.1.100.Final")), destination);

        assertEquals(1, matches.size());
        Match codec = matches.get(0);
        assertEquals("4.1.80.Final", codec.metadataVersion());
        assertTrue(codec.override());
        assertEquals(Optional.empty(), codec.directory());
        assertEquals("io.example:codec:4.1.100.Final -> metadata 4.1.80.Final (not tested with 4.1.100.Final; the"
                + " closest the repository has), no files, replacing the metadata in the library's jar", codec.describe());
        assertEquals(List.of("--exclude-config", ".*/\\Qcodec-4.1.100.Final.jar\\E$", "^/META-INF/native-image/"),
                ReachabilityMetadata.excludeJarMetadata(Path.of("/m2/io/example/codec/4.1.100.Final/codec-4.1.100.Final.jar")));
    }

    @Test
    void aModuleWithoutADirectoryIsLookedUpInTheDirectoriesItRequires() throws Exception {
        List<Match> matches = ReachabilityMetadata.prepare(repository, List.of(new Library("org.example",
                "logging-console", "2.0")), destination);

        assertEquals(1, matches.size(), matches.toString());
        assertEquals("console-1.0", matches.get(0).metadataVersion());
        assertFalse(matches.get(0).override());
        assertEquals(Optional.of(destination.resolve("org.example/logging/console-1.0")), matches.get(0).directory());
    }

    @Test
    void modulesOfAParallelReactorReadOneZipAtTheSameTime() throws Exception {
        Path zip = zipOfRepository();
        int modules = 8;
        ExecutorService threads = Executors.newFixedThreadPool(modules);
        try {
            for (int round = 0; round < 25; round++) {
                CyclicBarrier start = new CyclicBarrier(modules);
                List<Future<List<Match>>> reads = new ArrayList<>();
                for (int module = 0; module < modules; module++) {
                    Path own = directory.resolve("module-" + module + "/target/reachability-metadata");
                    reads.add(threads.submit(() -> {
                        start.await();
                        return ReachabilityMetadata.prepare(zip, List.of(new Library("com.example", "cache", "3.1.2")), own);
                    }));
                }
                for (Future<List<Match>> read : reads) {
                    assertEquals("3.1.2", read.get(30, TimeUnit.SECONDS).get(0).metadataVersion());
                }
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** The repository zip native-image resolves by default, from Maven Central (see the pom's surefire settings). */
    @Test
    void theRealRepositoryTakesEveryLibraryItNamesWithoutAnError() throws Exception {
        String property = System.getProperty("scratchpack.test.metadataRepository", "");
        Path zip = Path.of(property);
        assertTrue(property.endsWith(".zip") && Files.isRegularFile(zip), "scratchpack.test.metadataRepository names no"
                + " zip (\"" + property + "\"): run the tests through the lifecycle (mvn test), whose initialize phase sets it");
        List<Match> matches = ReachabilityMetadata.prepare(zip, List.of(
                new Library("io.netty", "netty-codec-http2", "4.1.128.Final"),
                new Library("io.netty", "netty-common", "4.1.100.Final"),
                new Library("com.fasterxml.jackson.core", "jackson-databind", "2.19.2"),
                new Library("org.jline", "jline-console", "3.24.1"),
                new Library("org.apache.commons", "commons-lang3", "3.17.0")), destination);

        Map<String, Match> byModule = matches.stream().collect(Collectors.toMap(match -> match.library().module(),
                match -> match));
        assertEquals(Set.of("io.netty:netty-codec-http2", "io.netty:netty-common",
                "com.fasterxml.jackson.core:jackson-databind"), byModule.keySet());
        Match http2 = byModule.get("io.netty:netty-codec-http2");
        assertTrue(http2.override());
        assertEquals(Optional.empty(), http2.directory(), "the repository has no files for netty-codec-http2");
        Match common = byModule.get("io.netty:netty-common");
        assertEquals("4.1.80.Final", common.metadataVersion(), "netty-common 4.1.100 falls in the 4.1.80 default-for range");
        assertTrue(common.override());
        assertTrue(Files.isRegularFile(common.directory().orElseThrow().resolve("reflect-config.json")));
        assertTrue(Files.isRegularFile(byModule.get("com.fasterxml.jackson.core:jackson-databind").directory()
                .orElseThrow().resolve("reflect-config.json")));
    }
}
