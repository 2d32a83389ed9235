package io.github.scratchpack.nativeimage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.ProviderNotFoundException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/**
 * The GraalVM reachability metadata repository (github.com/oracle/graalvm-reachability-metadata): reflection,
 * resource and proxy configuration for libraries that need it, kept per library version. It reads the repository as
 * native-build-tools 0.11 does:
 * <ul>
 * <li>the top {@code index.json} names, per module, its directory and the modules it {@code requires}, whose
 * directories are searched too; a module without an entry there is looked for at {@code groupId/artifactId};</li>
 * <li>in each such directory, {@code index.json} lists the library's metadata versions; the one tested with the
 * library's exact version wins, else the one whose {@code default-for} pattern matches the version, else the
 * {@code latest};</li>
 * <li>a metadata version may have no files at all: then only its {@code override} flag counts, which means that the
 * metadata the library ships in its own jar ({@code META-INF/native-image}) is to be left out.</li>
 * </ul>
 * The chosen directories are copied into the build directory, where native-image (also in a builder container) reads
 * them with {@code -H:ConfigurationFileDirectories}. The repository zip is opened privately on each call, so that
 * modules of a parallel reactor may read the same zip at the same time.
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
     * @param override        whether the repository's metadata replaces the metadata the library's jar ships
     * @param directory       the copy in the build directory; empty when the repository has no files for it
     */
    public record Match(Library library, String metadataVersion, boolean tested, boolean override,
            Optional<Path> directory) {
        /** One line for the build log. */
        public String describe() {
            return library.module() + ":" + library.version() + " -> metadata " + metadataVersion
                    + (tested ? "" : " (not tested with " + library.version() + "; the closest the repository has)")
                    + (directory.isPresent() ? "" : ", no files")
                    + (override ? ", replacing the metadata in the library's jar" : "");
        }
    }

    /**
     * The native-image arguments that leave out the metadata a jar ships in {@code META-INF/native-image}, as
     * native-maven-plugin passes them for a library whose repository metadata has {@code override} set. The jar is
     * matched by its file name, which a builder container keeps.
     */
    public static List<String> excludeJarMetadata(Path jar) {
        return List.of("--exclude-config", ".*/" + Pattern.quote(jar.getFileName().toString()) + "$",
                "^/META-INF/native-image/");
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
        try (FileSystem zip = openZip(repository)) {
            return prepareFrom(zip.getPath("/"), libraries, destination);
        }
    }

    /** A zip file system of this call's own: unlike a {@code jar:} URI, it is not registered JVM-wide. */
    private static FileSystem openZip(Path repository) throws IOException, NativeImageException {
        try {
            return FileSystems.newFileSystem(repository);
        } catch (ProviderNotFoundException e) {
            throw new NativeImageException("The reachability metadata repository " + repository + " is neither a zip"
                    + " nor a directory.", e);
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
            for (Path libraryDirectory : candidateDirectories(root, modules, library)) {
                Path libraryIndex = libraryDirectory.resolve("index.json");
                if (!Files.isRegularFile(libraryIndex)) {
                    continue;
                }
                Optional<JsonNode> entry = choose(read(libraryIndex), library);
                if (entry.isPresent()) {
                    matches.add(copy(root, libraryDirectory, entry.get(), library, destination));
                }
            }
        }
        return matches;
    }

    /**
     * The directories the top index gives the library's module: those of its entries and of the modules they
     * require; else, with no entry naming a directory, {@code groupId/artifactId} when the repository has it.
     */
    private static Set<Path> candidateDirectories(Path root, JsonNode modules, Library library) {
        Set<Path> directories = new LinkedHashSet<>();
        for (JsonNode module : entriesOf(modules, library.module())) {
            directoryOf(root, module).ifPresent(directories::add);
            for (JsonNode required : module.path("requires")) {
                for (JsonNode requiredModule : entriesOf(modules, required.asText())) {
                    directoryOf(root, requiredModule).ifPresent(directories::add);
                }
            }
        }
        Path conventional = root.resolve(library.groupId()).resolve(library.artifactId());
        if (directories.isEmpty() && safe(library.groupId()) && safe(library.artifactId())
                && Files.isDirectory(conventional)) {
            directories.add(conventional);
        }
        return directories;
    }

    private static List<JsonNode> entriesOf(JsonNode modules, String module) {
        List<JsonNode> entries = new ArrayList<>();
        for (JsonNode entry : modules) {
            if (module.equals(entry.path("module").asText())) {
                entries.add(entry);
            }
        }
        return entries;
    }

    private static Optional<Path> directoryOf(Path root, JsonNode module) {
        String directory = module.path("directory").asText("");
        return directory.isEmpty() || directory.contains("..") ? Optional.empty() : Optional.of(root.resolve(directory));
    }

    /** The library's entry tested with its version, else the one whose range matches it, else the latest. */
    private static Optional<JsonNode> choose(JsonNode entries, Library library) {
        List<JsonNode> own = new ArrayList<>();
        for (JsonNode entry : entries) {
            if (library.module().equals(entry.path("module").asText())) {
                own.add(entry);
            }
        }
        return first(own, entry -> testedWith(entry, library.version()))
                .or(() -> first(own, entry -> defaultFor(entry, library.version())))
                .or(() -> first(own, entry -> entry.path("latest").asBoolean(false)));
    }

    private static Optional<JsonNode> first(List<JsonNode> entries, Predicate<JsonNode> condition) {
        return entries.stream().filter(condition).findFirst();
    }

    private static boolean testedWith(JsonNode entry, String version) {
        for (JsonNode tested : entry.path("tested-versions")) {
            if (tested.asText().equals(version)) {
                return true;
            }
        }
        return false;
    }

    private static boolean defaultFor(JsonNode entry, String version) {
        String pattern = entry.path("default-for").asText("");
        try {
            return !pattern.isEmpty() && Pattern.matches(pattern, version);
        } catch (PatternSyntaxException e) {
            return false;
        }
    }

    private static Match copy(Path root, Path libraryDirectory, JsonNode entry, Library library, Path destination)
            throws IOException, NativeImageException {
        String version = entry.path("metadata-version").asText("");
        if (!safe(version)) {
            throw new NativeImageException("The reachability metadata repository's entry for " + library.module()
                    + " in " + libraryDirectory.toUri() + " has no usable metadata-version (\"" + version + "\").");
        }
        Path source = libraryDirectory.resolve(version);
        Optional<Path> copy = Optional.empty();
        if (Files.isDirectory(source)) {
            copy = Optional.of(destination.resolve(root.relativize(source).toString()));
            if (!Files.exists(copy.get())) {
                copyTree(source, copy.get());
            }
        }
        return new Match(library, version, testedWith(entry, library.version()), entry.path("override").asBoolean(false),
                copy);
    }

    private static boolean safe(String name) {
        return !name.isEmpty() && !name.contains("/") && !name.contains("\\") && !name.contains("..");
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
