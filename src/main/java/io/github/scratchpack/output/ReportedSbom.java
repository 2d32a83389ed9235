package io.github.scratchpack.output;

import io.github.scratchpack.image.JsonReader;
import io.github.scratchpack.image.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The SBOM that {@code image.json} records in its {@code sbom} field, checked against the file it names.
 *
 * @param path the SBOM file
 * @param mediaType its media type, such as {@code application/vnd.cyclonedx+json}
 * @param digest its {@code sha256:<hex>} digest
 * @param size its size in bytes
 */
public record ReportedSbom(Path path, String mediaType, String digest, long size) {

    /**
     * Reads the {@code sbom} field of a report and checks that the file still has the recorded digest and size.
     *
     * @param report the {@code image.json}
     * @return the SBOM, or empty when the report records none
     * @throws IOException when the report cannot be read, the field is incomplete, or the file is missing or changed
     */
    public static Optional<ReportedSbom> read(Path report) throws IOException {
        Object field = JsonReader.object(Files.readAllBytes(report)).get("sbom");
        if (field == null) {
            return Optional.empty();
        }
        Map<?, ?> sbom = field instanceof Map<?, ?> map ? map : Map.of();
        for (String name : new String[] {"path", "mediaType", "digest", "size"}) {
            if (sbom.get(name) == null) {
                throw new IOException(report + " records an SBOM without its " + name);
            }
        }
        if (!(sbom.get("size") instanceof Long size)) {
            throw new IOException(report + " records an SBOM whose size is not a number");
        }
        ReportedSbom recorded = new ReportedSbom(ImageReport.resolve(report, String.valueOf(sbom.get("path"))),
                String.valueOf(sbom.get("mediaType")), String.valueOf(sbom.get("digest")), size);
        if (!Files.isRegularFile(recorded.path())) {
            throw new IOException(report + " records the SBOM " + recorded.path() + ", which does not exist");
        }
        byte[] content = Files.readAllBytes(recorded.path());
        if (content.length != recorded.size() || !Sha256.of(content).equals(recorded.digest())) {
            throw new IOException("The SBOM " + recorded.path() + " is not the one " + report + " records (digest "
                    + recorded.digest() + ", " + recorded.size() + " bytes)");
        }
        return Optional.of(recorded);
    }
}
