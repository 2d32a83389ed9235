package io.github.scratchpack.output;

import io.github.scratchpack.image.Image;
import io.github.scratchpack.image.ImageAssembler;
import io.github.scratchpack.image.ImageSpec;
import io.github.scratchpack.image.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Assembles an image from a spec and writes it as a tarball with its {@code image.json} report. When the image
 * and its outputs are exactly as the last build left them, neither file is touched.
 */
public final class TarballBuild {
    private final Path workDirectory;

    /**
     * @param workDirectory where layer blobs and cache entries are kept between builds, such as
     *     {@code target/scratchpack/cache}
     */
    public TarballBuild(Path workDirectory) {
        this.workDirectory = workDirectory;
    }

    /**
     * What a build did.
     *
     * @param image the image
     * @param unchanged whether the tarball and report already held this image and were left untouched
     */
    public record Result(Image image, boolean unchanged) {
    }

    /**
     * Builds the image and writes the tarball, then the report; each is written atomically.
     *
     * @param spec the checked settings
     * @param tarball where the tarball goes
     * @param report where {@code image.json} goes
     * @return the image, and whether the outputs were already up to date
     * @throws IOException when a source cannot be read or an output cannot be written
     */
    public Result run(ImageSpec spec, Path tarball, Path report) throws IOException {
        return run(spec, tarball, report, null);
    }

    /**
     * Builds the image and writes the tarball, then the SBOM, then the report that points to both; each is written
     * atomically. The SBOM is made before anything is written, so that a source it cannot read fails the build
     * while the outputs of the last build are still whole; when the image, the SBOM's inputs and the outputs on disk
     * are as the last build left them, it is not made at all. When the tarball cannot be written, the last build's
     * tarball, SBOM and report are left as they were, still describing one image; when the tarball was replaced
     * but the SBOM or the report cannot be written, the old ones are removed, so that none describes another image.
     *
     * @param spec the checked settings
     * @param tarball where the tarball goes
     * @param report where {@code image.json} goes
     * @param sbom the SBOM to write with them, or {@code null} for none
     * @return the image, and whether the outputs were already up to date
     * @throws IOException when a source cannot be read or an output cannot be written
     */
    public Result run(ImageSpec spec, Path tarball, Path report, SbomFile sbom) throws IOException {
        AtomicFile.refuseSpecialFile(tarball);
        AtomicFile.refuseSpecialFile(report);
        if (sbom != null) {
            AtomicFile.refuseSpecialFile(sbom.path());
        }
        Image image = new ImageAssembler(workDirectory).assemble(spec);
        Path state = workDirectory.resolve("outputs.state");
        String identity = image.digest() + " " + image.references() + " " + tarball.toAbsolutePath() + " "
                + report.toAbsolutePath() + " " + spec.creationTime().getEpochSecond()
                + (sbom == null ? " no SBOM" : " " + sbom.path().toAbsolutePath() + " " + sbom.inputs());
        Path[] outputs = sbom == null ? new Path[] {tarball, report} : new Path[] {tarball, report, sbom.path()};
        if (identity.concat(stat(outputs)).equals(read(state))) {
            return new Result(image, true);
        }
        byte[] sbomBytes = sbom == null ? null : sbom.generator().describe(image);
        Files.deleteIfExists(state);
        ImageTarball.write(image, tarball, spec.creationTime());
        try {
            ImageReport.Sbom written = null;
            if (sbom != null) {
                AtomicFile.write(sbom.path(), out -> out.write(sbomBytes));
                written = new ImageReport.Sbom(sbom.path().toAbsolutePath(), sbom.mediaType(), Sha256.of(sbomBytes),
                        sbomBytes.length);
            }
            ImageReport.write(image, tarball, false, written, report);
        } catch (IOException | RuntimeException e) {
            remove(e, sbom == null ? null : sbom.path(), report);
            throw e;
        }
        Files.writeString(state, identity + stat(outputs), StandardCharsets.UTF_8);
        return new Result(image, false);
    }

    /** Removes outputs that may still describe the last build's image; what cannot be removed is told with the failure. */
    private static void remove(Exception failure, Path... outputs) {
        for (Path output : outputs) {
            try {
                if (output != null) {
                    Files.deleteIfExists(output);
                }
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
    }

    /** Size and modification time of the outputs, to notice when someone changed or removed them since. */
    private static String stat(Path... files) throws IOException {
        StringBuilder text = new StringBuilder();
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                return " missing";
            }
            text.append(' ').append(Files.size(file)).append('@').append(Files.getLastModifiedTime(file).toMillis());
        }
        return text.toString();
    }

    private static String read(Path state) throws IOException {
        try {
            return Files.readString(state, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return "";
        }
    }
}
