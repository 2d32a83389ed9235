package io.github.scratchpack.sbom;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.scratchpack.image.Sha256;
import io.github.scratchpack.output.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
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
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

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
     * Writes this record beside its executable, atomically.
     *
     * @param executable the executable it describes
     * @throws IOException when it cannot be written
     */
    public void writeFor(Path executable) throws IOException {
        byte[] json = MAPPER.writeValueAsBytes(this);
        AtomicFile.write(fileFor(executable), out -> out.write(json));
    }

    /**
     * Reads the record of an executable, if there is one that still describes it.
     *
     * @param executable the executable
     * @return the record; empty when there is none, it cannot be parsed, or the executable has changed since
     * @throws IOException when the executable or the record cannot be read
     */
    public static Optional<ExecutableContents> readFor(Path executable) throws IOException {
        ExecutableContents contents;
        try {
            contents = MAPPER.readValue(Files.readAllBytes(fileFor(executable)), ExecutableContents.class);
        } catch (NoSuchFileException | JacksonException e) {
            return Optional.empty();
        }
        return contents.executableDigest() != null && contents.executableDigest().equals(Sha256.ofFile(executable))
                ? Optional.of(contents) : Optional.empty();
    }
}
