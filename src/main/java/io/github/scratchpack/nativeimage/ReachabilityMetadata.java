package io.github.scratchpack.nativeimage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/**
 * The GraalVM reachability metadata repository (github.com/oracle/graalvm-reachability-metadata): reflection,
 * resource and proxy configuration for libraries that need it, kept per library version. For each library on the
 * classpath it picks, as native-build-tools does, the metadata tested with that exact version, else the one whose
 * {@code default-for} pattern matches the version, else the newest, and copies the chosen directories into the
 * build directory, where native-image (also in a builder container) reads them with
 * {@code -H:ConfigurationFileDirectories}.
 */
public final class ReachabilityMetadata {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReachabilityMetadata() {
    }

    /** A library on the classpath. */
    public record Library(String groupId, String artifactId, String version) {
        String module() {
            return groupId + ":" + artifactId;
        }
    }

    /**
     * The metadata chosen for a library.
     *
     * @param library         the library on the classpath
     * @param metadataVersion the library version the metadata was written for
     * @param tested          whether the repository says it was tested with the library's own version
     * @param directory       the copy in the build directory
     */
    public record Match(Library library, String metadataVersion, boolean tested, Path directory) {
        /** One line for the build log. */
        public String describe() {
            return library.module() + ":" + library.version() + " -> metadata " + metadataVersion
                    + (tested ? "" : " (not tested with " + library.version() + "; the closest the repository has)");
        }
    }

    /**
     * Chooses the metadata for the libraries and copies it under {@code destination}, which is emptied first.
     *
     * @param repository  the repository: its {@code repository} zip, or a directory holding its {@code index.json}
     * @param libraries   the runtime libraries, in classpath order
     * @param destination a directory of its own in the build directory
     * @return the chosen metadata, in the libraries' order
     */
    public static List<Match> prepare(Path repository, List<Library> libraries, Path destination)
            throws IOException, NativeImageException {
        deleteTree(destination);
        if (Files.isDirectory(repository)) {
            return prepareFrom(repository, libraries, destination);
        }
        if (!Files.isRegularFile(repository)) {
            throw new NativeImageException("The reachability metadata repository " + repository + " does not exist.");
        }
        try (FileSystem zip = FileSystems.newFileSystem(URI.create("jar:" + repository.toUri()), Map.of())) {
            return prepareFrom(zip.getPath("/"), libraries, destination);
        }
    }

    private static List<Match> prepareFrom(Path root, List<Library> libraries, Path destination)
            throws IOException, NativeImageException {
        Path index = root.resolve("index.json");
        if (!Files.isRegularFile(index)) {
            throw new NativeImageException("The reachability metadata repository " + root.toUri() + " has no index.json:"
                    + " it is not a metadata repository (the repository zip, or a directory with index.json at its top).");
        }
        JsonNode modules = read(index);
        List<Match> matches = new ArrayList<>();
        for (Library library : libraries) {
            Optional<String> directory = directoryOf(modules, library);
            if (directory.isEmpty()) {
                continue;
            }
            Path libraryDirectory = root.resolve(directory.get());
            Path libraryIndex = libraryDirectory.resolve("index.json");
            if (!Files.isRegularFile(libraryIndex)) {
                continue;
            }
            Optional<Match> match = choose(read(libraryIndex), library);
            if (match.isEmpty()) {
                continue;
            }
            Path source = libraryDirectory.resolve(match.get().metadataVersion());
            Path copy = destination.resolve(library.groupId()).resolve(library.artifactId()).resolve(match.get().metadataVersion());
            copyTree(source, copy);
            matches.add(new Match(library, match.get().metadataVersion(), match.get().tested(), copy));
        }
        return matches;
    }

    private static Optional<String> directoryOf(JsonNode modules, Library library) {
        for (JsonNode module : modules) {
            if (library.module().equals(module.path("module").asText())) {
                String directory = module.path("directory").asText("");
                if (directory.contains("..")) {
                    return Optional.empty();
                }
                return Optional.of(directory.isEmpty() ? library.groupId() + "/" + library.artifactId() : directory);
            }
        }
        return Optional.empty();
    }

    private static Optional<Match> choose(JsonNode entries, Library library) throws NativeImageException {
        JsonNode latest = null;
        JsonNode byPattern = null;
        for (JsonNode entry : entries) {
            for (JsonNode tested : entry.path("tested-versions")) {
                if (tested.asText().equals(library.version())) {
                    return Optional.of(match(entry, library, true));
                }
            }
            String pattern = entry.path("default-for").asText("");
            if (byPattern == null && !pattern.isEmpty() && matches(pattern, library.version())) {
                byPattern = entry;
            }
            if (entry.path("latest").asBoolean(false)) {
                latest = entry;
            }
        }
        JsonNode chosen = byPattern != null ? byPattern : latest;
        return chosen == null ? Optional.empty() : Optional.of(match(chosen, library, false));
    }

    private static Match match(JsonNode entry, Library library, boolean tested) throws NativeImageException {
        String version = entry.path("metadata-version").asText("");
        if (version.isEmpty() || version.contains("/") || version.contains("..")) {
            throw new NativeImageException("The reachability metadata repository's entry for " + library.module()
                    + " has no usable metadata-version (\"" + version + "\").");
        }
        return new Match(library, version, tested, null);
    }

    private static boolean matches(String pattern, String version) {
        try {
            return Pattern.matches(pattern, version);
        } catch (PatternSyntaxException e) {
            return false;
        }
    }

    private static JsonNode read(Path file) throws NativeImageException, IOException {
        try {
            return JSON.readTree(Files.readAllBytes(file));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new NativeImageException("The reachability metadata file " + file.toUri() + " is not valid JSON: "
                    + e.getOriginalMessage());
        }
    }

    private static void copyTree(Path source, Path target) throws IOException {
        if (!Files.isDirectory(source)) {
            throw new NoSuchFileException(source.toUri().toString(), null, "named in the metadata index, but missing");
        }
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.sorted().toList()) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
    }

    private static void deleteTree(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
