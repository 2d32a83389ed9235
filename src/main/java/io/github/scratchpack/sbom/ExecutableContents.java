package io.github.scratchpack.sbom;

import io.github.scratchpack.image.Json;
import io.github.scratchpack.image.JsonReader;
import io.github.scratchpack.image.Sha256;
import io.github.scratchpack.output.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What went into an executable that native-image built: the application, its runtime libraries and the builder.
 * The native-image goal writes it beside the executable; the image goal trusts it only while the executable still
 * has the digest recorded here.
 *
 * @param executableDigest the {@code sha256:<hex>} digest of the executable this describes
 * @param builder the builder's version line, such as {@code native-image 21.0.2 2024-01-16}
 * @param application the project whose main class the executable runs
 * @param libraries the runtime dependencies on native-image's class path
 */
public record ExecutableContents(String executableDigest, String builder, Library application, List<Library> libraries) {

    public ExecutableContents {
        libraries = libraries.stream().sorted(Comparator.comparing(Library::purl)).toList();
    }

    /**
     * Where the record of an executable is kept: beside it, as {@code <name>.contents.json}.
     *
     * @param executable the executable
     * @return the record's path
     */
    public static Path fileFor(Path executable) {
        return executable.resolveSibling(executable.getFileName() + ".contents.json");
    }

    /**
     * Writes this record beside its executable, atomically; a record that is already there with the same bytes is
     * left untouched, as an unchanged build finds it.
     *
     * @param executable the executable it describes
     * @throws IOException when it cannot be written
     */
    public void writeFor(Path executable) throws IOException {
        byte[] json = Json.bytes(toJson());
        Path file = fileFor(executable);
        if (Files.isRegularFile(file) && Arrays.equals(Files.readAllBytes(file), json)) {
            return;
        }
        AtomicFile.write(file, out -> out.write(json));
    }

    /**
     * Reads the record of an executable, if there is one that still describes it.
     *
     * @param executable the executable
     * @return the record; empty when there is none, it cannot be parsed, or the executable has changed since
     * @throws IOException when the executable or the record cannot be read
     */
    public static Optional<ExecutableContents> readFor(Path executable) throws IOException {
        return readFor(executable, Sha256.ofFile(executable));
    }

    /**
     * Reads the record of an executable whose digest is known, if there is one that still describes it.
     *
     * @param executable the executable
     * @param digest the executable's {@code sha256:<hex>} digest, as the native-image goal found it in this build
     * @return the record; empty when there is none, it cannot be parsed, or it describes other bytes
     * @throws IOException when the record cannot be read
     */
    public static Optional<ExecutableContents> readFor(Path executable, String digest) throws IOException {
        byte[] json;
        try {
            json = Files.readAllBytes(fileFor(executable));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        ExecutableContents contents;
        try {
            contents = fromJson(JsonReader.object(json));
        } catch (IOException | ClassCastException e) {
            return Optional.empty();
        }
        return digest.equals(contents.executableDigest()) ? Optional.of(contents) : Optional.empty();
    }

    private Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("executableDigest", executableDigest);
        json.put("builder", builder);
        json.put("application", application == null ? null : toJson(application));
        json.put("libraries", libraries.stream().map(ExecutableContents::toJson).toList());
        return json;
    }

    private static Map<String, Object> toJson(Library library) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("groupId", library.groupId());
        json.put("artifactId", library.artifactId());
        json.put("version", library.version());
        json.put("type", library.type());
        json.put("classifier", library.classifier());
        json.put("digest", library.digest());
        List<Object> licenses = new ArrayList<>();
        for (DeclaredLicense license : library.licenses()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", license.name());
            entry.put("url", license.url());
            licenses.add(entry);
        }
        json.put("licenses", licenses);
        if (library.licensesUnknown() != null) {
            json.put("licensesUnknown", library.licensesUnknown());
        }
        json.put("dependencies", library.dependencies());
        return json;
    }

    private static ExecutableContents fromJson(Map<?, ?> json) {
        List<Library> libraries = new ArrayList<>();
        for (Object library : list(json.get("libraries"))) {
            libraries.add(library((Map<?, ?>) library));
        }
        return new ExecutableContents((String) json.get("executableDigest"), (String) json.get("builder"),
                json.get("application") == null ? null : library((Map<?, ?>) json.get("application")), libraries);
    }

    private static Library library(Map<?, ?> json) {
        List<DeclaredLicense> licenses = new ArrayList<>();
        for (Object license : list(json.get("licenses"))) {
            Map<?, ?> fields = (Map<?, ?>) license;
            licenses.add(new DeclaredLicense((String) fields.get("name"), (String) fields.get("url")));
        }
        List<String> dependencies = new ArrayList<>();
        for (Object dependency : list(json.get("dependencies"))) {
            dependencies.add((String) dependency);
        }
        return new Library((String) json.get("groupId"), (String) json.get("artifactId"), (String) json.get("version"),
                (String) json.get("type"), (String) json.get("classifier"), (String) json.get("digest"), licenses,
                (String) json.get("licensesUnknown"), dependencies);
    }

    private static List<?> list(Object value) {
        return value == null ? List.of() : (List<?>) value;
    }
}
