package io.github.scratchpack.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.scratchpack.elf.StaticExecutableCheck;
import io.github.scratchpack.image.ImageReference;
import io.github.scratchpack.image.ImageSpec;
import io.github.scratchpack.image.Sha256;
import io.github.scratchpack.testing.StaticBinaries;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SBOM written with the tarball: its entry in image.json, and no SBOM left that describes another image. */
class TarballBuildSbomTest {
    private static final String MEDIA_TYPE = "application/vnd.cyclonedx+json";

    @TempDir
    Path dir;
    private Path binary;
    private Path tarball;
    private Path report;
    private Path sbom;

    @BeforeEach
    void compile() throws Exception {
        binary = StaticBinaries.staticServer(dir, "server");
        tarball = dir.resolve("out/image.tar");
        report = dir.resolve("out/image.json");
        sbom = dir.resolve("out/sbom.cdx.json");
    }

    private ImageSpec spec(String tag) throws Exception {
        return ImageSpec.builder(binary, StaticExecutableCheck.check(binary), ImageReference.parse("c/s:" + tag)).build();
    }

    /** An SBOM that only names the image it describes, enough to tell which image an SBOM on disk belongs to. */
    private SbomFile naming(Path path) {
        return new SbomFile(path, MEDIA_TYPE, "inputs", image -> image.digest().getBytes(StandardCharsets.US_ASCII));
    }

    /** A build cache restores the outputs into another clone: image.json must still name the SBOM beside it. */
    @Test
    void imageJsonStillPointsToTheSbomAfterTheDirectoryMoved() throws Exception {
        new TarballBuild(dir.resolve("work")).run(spec("1"), tarball, report, naming(sbom));
        Path moved = Files.move(dir.resolve("out"), dir.resolve("other-clone"));
        Files.createDirectories(dir.resolve("out"));
        Files.writeString(sbom, "an SBOM of another build at the old place");

        ReportedSbom read = ReportedSbom.read(moved.resolve("image.json")).orElseThrow();
        assertEquals(moved.resolve("sbom.cdx.json"), read.path());
    }

    @Test
    void imageJsonPointsToTheSbomByPathDigestAndSize() throws Exception {
        TarballBuild.Result result = new TarballBuild(dir.resolve("work")).run(spec("1"), tarball, report, naming(sbom));
        byte[] written = Files.readAllBytes(sbom);
        assertArrayEquals(result.image().digest().getBytes(StandardCharsets.US_ASCII), written);
        JsonNode entry = new ObjectMapper().readTree(report.toFile()).get("sbom");
        assertEquals(4, entry.size(), entry.toString());
        assertEquals("sbom.cdx.json", entry.get("path").asText());
        assertEquals("image.tar", new ObjectMapper().readTree(report.toFile()).get("tarball").asText());
        assertEquals(MEDIA_TYPE, entry.get("mediaType").asText());
        assertEquals(Sha256.of(written), entry.get("digest").asText());
        assertEquals(written.length, entry.get("size").asLong());

        ImageReport.markPushed(report);
        JsonNode pushed = new ObjectMapper().readTree(report.toFile());
        assertTrue(pushed.get("pushed").asBoolean());
        assertEquals(entry, pushed.get("sbom"), "marking the push keeps the sbom entry");
    }

    @Test
    void anUnchangedBuildDoesNotMakeTheSbomAgainAndChangedInputsAloneRewriteTheOutputs() throws Exception {
        TarballBuild build = new TarballBuild(dir.resolve("work"));
        build.run(spec("1"), tarball, report, naming(sbom));
        assertTrue(build.run(spec("1"), tarball, report, new SbomFile(sbom, MEDIA_TYPE, "inputs", image -> {
            throw new AssertionError("made again although nothing changed");
        })).unchanged());
        TarballBuild.Result changed = build.run(spec("1"), tarball, report,
                new SbomFile(sbom, MEDIA_TYPE, "other inputs", image -> new byte[] {'x'}));
        assertFalse(changed.unchanged());
        assertArrayEquals(new byte[] {'x'}, Files.readAllBytes(sbom));
        assertEquals(Sha256.of(new byte[] {'x'}), new ObjectMapper().readTree(report.toFile()).at("/sbom/digest").asText());
    }

    @Test
    void anSbomThatCannotBeMadeLeavesTheLastBuildsOutputsWhole() throws Exception {
        TarballBuild build = new TarballBuild(dir.resolve("work"));
        String first = build.run(spec("1"), tarball, report, naming(sbom)).image().digest();
        byte[] tar = Files.readAllBytes(tarball);
        IOException failure = assertThrows(IOException.class, () -> build.run(spec("2"), tarball, report,
                new SbomFile(sbom, MEDIA_TYPE, "other inputs", image -> {
                    throw new IOException("cannot read a file it lists");
                })));
        assertEquals("cannot read a file it lists", failure.getMessage());
        assertArrayEquals(tar, Files.readAllBytes(tarball));
        assertEquals(first, new String(Files.readAllBytes(sbom), StandardCharsets.US_ASCII));
        assertEquals(first, ImageReport.digest(report));
    }

    @Test
    void aReportThatCannotBeWrittenAfterANewTarballTakesTheOldSbomAway() throws Exception {
        Path reportDirectory = dir.resolve("reports");
        Path elsewhere = reportDirectory.resolve("image.json");
        TarballBuild build = new TarballBuild(dir.resolve("work"));
        build.run(spec("1"), tarball, elsewhere, naming(sbom));
        assertTrue(Files.isRegularFile(sbom));
        Files.delete(elsewhere);
        Files.delete(reportDirectory);
        Files.writeString(reportDirectory, "a file where the report's directory was");

        assertThrows(IOException.class, () -> build.run(spec("2"), tarball, elsewhere, naming(sbom)));
        assertTrue(Files.isRegularFile(tarball), "the new tarball was written");
        assertFalse(Files.exists(sbom), "the first image's SBOM is not left beside the second image");
    }
}
