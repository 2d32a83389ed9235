package io.github.scratchpack.maven;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.scratchpack.image.Sha256;
import io.github.scratchpack.sbom.DeclaredLicense;
import io.github.scratchpack.sbom.ExecutableContents;
import io.github.scratchpack.sbom.Library;
import io.github.scratchpack.testing.StaticBinaries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.project.MavenProject;
import org.cyclonedx.Version;
import org.cyclonedx.parsers.JsonParser;

/** The SBOM the image goal writes beside the tarball, for executables built by native-image in this build or not. */
public class ImageMojoSbomTest extends AbstractImageMojoTest {
    private Path sbom() {
        return baseDirectory.resolve("target/scratchpack/sbom.cdx.json");
    }

    private JsonNode validSbom() throws Exception {
        byte[] json = Files.readAllBytes(sbom());
        assertEquals(List.of(), new JsonParser().validate(json, Version.VERSION_16));
        return new ObjectMapper().readTree(json);
    }

    private static List<String> refs(JsonNode sbom) {
        List<String> refs = new ArrayList<>();
        sbom.get("components").forEach(component -> refs.add(component.get("bom-ref").asText()));
        return refs;
    }

    public void testWritesAValidSbomThatImageJsonPointsTo() throws Exception {
        Path binary = StaticBinaries.staticServer(baseDirectory.resolve("target"), "mojo-demo");
        configuredMojo().execute();

        JsonNode sbom = validSbom();
        JsonNode report = new ObjectMapper().readTree(baseDirectory.resolve("target/scratchpack/image.json").toFile());
        assertEquals("pkg:oci/mojo-demo@" + report.get("digest").asText().replace(":", "%3A")
                + "?repository_url=docker.io%2Flibrary%2Fmojo-demo&tag=2.0.0", sbom.at("/metadata/component/purl").asText());
        assertEquals("2026-02-03T04:05:06Z", sbom.at("/metadata/timestamp").asText());
        assertEquals(List.of("file:/app/mojo-demo", "file:/etc/app/app.toml"), refs(sbom));
        assertEquals(Sha256.hex(Sha256.ofFile(binary)), sbom.at("/components/0/hashes/0/content").asText());
        assertEquals("built elsewhere: contents unknown", "unknown", sbom.at("/compositions/0/aggregate").asText());
        assertEquals("0.1.0-SNAPSHOT", sbom.at("/metadata/tools/components/0/version").asText());

        JsonNode entry = report.get("sbom");
        byte[] bytes = Files.readAllBytes(sbom());
        assertEquals("sbom.cdx.json", entry.get("path").asText());
        assertEquals("application/vnd.cyclonedx+json", entry.get("mediaType").asText());
        assertEquals(Sha256.of(bytes), entry.get("digest").asText());
        assertEquals(bytes.length, entry.get("size").asLong());

        Files.delete(baseDirectory.resolve("target/scratchpack/image.tar"));
        Files.delete(baseDirectory.resolve("target/scratchpack/cache/outputs.state"));
        configuredMojo().execute();
        assertTrue("a second build of the same inputs writes the same bytes",
                java.util.Arrays.equals(bytes, Files.readAllBytes(sbom())));
    }

    public void testAnUnchangedRebuildLeavesTheSbomAsItWas() throws Exception {
        StaticBinaries.staticServer(baseDirectory.resolve("target"), "mojo-demo");
        configuredMojo().execute();
        Object inode = Files.readAttributes(sbom(), java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        configuredMojo().execute();
        assertEquals(inode, Files.readAttributes(sbom(), java.nio.file.attribute.BasicFileAttributes.class).fileKey());
    }

    public void testListsWhatNativeImageRecordedForTheExecutableItMade() throws Exception {
        Path built = StaticBinaries.staticServer(Files.createDirectories(baseDirectory.resolve("target/native")), "svc");
        Library api = new Library("org.slf4j", "slf4j-api", "2.0.16", "jar", null, "sha256:" + "a".repeat(64),
                List.of(new DeclaredLicense("MIT", null)), List.of());
        new ExecutableContents(Sha256.ofFile(built), "native-image 25.0.1 2025-10-21",
                new Library("test.scratchpack", "mojo-demo", "2.0.0", "jar", null, null, List.of(), List.of(api.purl())),
                List.of(api)).writeFor(built);
        ImageMojo mojo = configuredMojo();
        ((MavenProject) getVariableValueFromObject(mojo, "project")).setContextValue(NativeImageMojo.EXECUTABLE_CONTEXT_KEY, built);
        mojo.execute();

        JsonNode sbom = validSbom();
        assertEquals(List.of("file:/app/svc", "file:/etc/app/app.toml", "pkg:maven/org.slf4j/slf4j-api@2.0.16",
                "pkg:maven/test.scratchpack/mojo-demo@2.0.0"), refs(sbom));
        assertEquals("a".repeat(64), sbom.at("/components/2/hashes/0/content").asText());
        assertEquals("native-image", sbom.at("/metadata/tools/components/0/name").asText());
        assertEquals("incomplete", sbom.at("/compositions/0/aggregate").asText());
    }

    public void testARecordOfAnotherExecutableIsNotBelieved() throws Exception {
        Path built = StaticBinaries.staticServer(Files.createDirectories(baseDirectory.resolve("target/native")), "svc");
        new ExecutableContents("sha256:" + "0".repeat(64), "native-image 25.0.1 2025-10-21",
                new Library("test.scratchpack", "mojo-demo", "2.0.0", "jar", null, null, List.of(), List.of()),
                List.of()).writeFor(built);
        ImageMojo mojo = configuredMojo();
        ((MavenProject) getVariableValueFromObject(mojo, "project")).setContextValue(NativeImageMojo.EXECUTABLE_CONTEXT_KEY, built);
        mojo.execute();
        assertEquals(List.of("file:/app/svc", "file:/etc/app/app.toml"), refs(validSbom()));
    }

    public void testSbomFalseRemovesTheOneAnEarlierBuildWrote() throws Exception {
        StaticBinaries.staticServer(baseDirectory.resolve("target"), "mojo-demo");
        configuredMojo().execute();
        assertTrue(Files.isRegularFile(sbom()));
        ImageMojo off = configuredMojo();
        setVariableValueToObject(off, "sbom", false);
        off.execute();
        assertFalse(Files.exists(sbom()));
        JsonNode report = new ObjectMapper().readTree(baseDirectory.resolve("target/scratchpack/image.json").toFile());
        assertFalse(report.has("sbom"));
    }
}
