package io.github.scratchpack.maven;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.scratchpack.testing.StaticBinaries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.maven.plugin.MojoFailureException;

/** Runs the image goal as Maven configures it from a POM, through maven-plugin-testing-harness. */
public class ImageMojoTest extends AbstractImageMojoTest {
    public void testWritesImageFromPomConfigurationWithParameterDefaults() throws Exception {
        StaticBinaries.staticServer(baseDirectory.resolve("target"), "mojo-demo");
        ImageMojo mojo = configuredMojo();
        mojo.execute();

        Path tarball = baseDirectory.resolve("target/scratchpack/image.tar");
        assertTrue(Files.isRegularFile(tarball));
        JsonNode report = new ObjectMapper().readTree(baseDirectory.resolve("target/scratchpack/image.json").toFile());
        assertEquals("mojo-demo:2.0.0", report.get("image").asText());
        assertEquals("mojo-demo:latest", report.get("tags").get(1).asText());
        assertEquals(3, report.get("layers").size());

        Map<String, byte[]> files = new java.util.HashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(tarball))) {
            for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                files.put(entry.getName(), in.readAllBytes());
            }
        }
        String configName = new ObjectMapper().readTree(files.get("manifest.json")).get(0).get("Config").asText();
        JsonNode config = new ObjectMapper().readTree(files.get(configName));
        assertEquals("2026-02-03T04:05:06Z", config.get("created").asText());
        JsonNode run = config.get("config");
        assertEquals("65534:65534", run.get("User").asText());
        assertEquals("/app/mojo-demo", run.get("Entrypoint").get(0).asText());
        assertEquals("--port", run.get("Cmd").get(0).asText());
        assertTrue(run.get("ExposedPorts").has("53/udp"));
        assertTrue(run.get("Env").toString().contains("APP_MODE=production"));
        assertFalse(run.get("Env").toString().contains("SSL_CERT_FILE"));
        assertEquals("platform", run.get("Labels").get("team").asText());

        String manifestDigest = report.get("digest").asText().substring(7);
        JsonNode manifest = new ObjectMapper().readTree(files.get("blobs/sha256/" + manifestDigest));
        JsonNode annotations = manifest.get("annotations");
        assertEquals("Mojo demo", annotations.get("org.opencontainers.image.title").asText());
        assertEquals("2.0.0", annotations.get("org.opencontainers.image.version").asText());
        assertEquals("MIT", annotations.get("org.opencontainers.image.licenses").asText());
        assertEquals("https://example.com/mojo-demo", annotations.get("org.opencontainers.image.url").asText());
    }

    public void testAnEmptyTagElementIsSkipped() throws Exception {
        StaticBinaries.staticServer(baseDirectory.resolve("target"), "mojo-demo");
        ImageMojo mojo = configuredMojo();
        setVariableValueToObject(mojo, "tags", java.util.Arrays.asList("latest", null, " "));
        mojo.execute();
        JsonNode report = new ObjectMapper().readTree(baseDirectory.resolve("target/scratchpack/image.json").toFile());
        assertEquals(2, report.get("tags").size());
    }

    public void testImageNamePointsTheGoalAtThatExecutable() throws Exception {
        StaticBinaries.staticServer(baseDirectory.resolve("target"), "svc-bin");
        ImageMojo mojo = configuredMojo();
        setVariableValueToObject(mojo, "imageName", "svc-bin");
        mojo.execute();
        assertEquals("/app/svc-bin", entrypoint());
    }

    public void testExecutableLeftByNativeImageWinsOverTheDefaultName() throws Exception {
        Path built = StaticBinaries.staticServer(Files.createDirectories(baseDirectory.resolve("target/elsewhere")),
                "from-native-image");
        ImageMojo mojo = configuredMojo();
        org.apache.maven.project.MavenProject project =
                (org.apache.maven.project.MavenProject) getVariableValueFromObject(mojo, "project");
        project.setContextValue(NativeImageMojo.EXECUTABLE_CONTEXT_KEY, built);
        setVariableValueToObject(mojo, "certificates", "true");
        mojo.execute();
        assertEquals("/app/from-native-image", entrypoint());
        assertEquals(List.of("/app/from-native-image", "-Djavax.net.ssl.trustStore=/etc/ssl/certs/java/cacerts",
                "-Djavax.net.ssl.trustStoreType=PKCS12"), entrypointCommand());
    }

    public void testAnExecutableFromElsewhereGetsNoJavaTrustStoreUnlessAskedFor() throws Exception {
        StaticBinaries.staticServer(baseDirectory.resolve("target"), "mojo-demo");
        ImageMojo mojo = configuredMojo();
        setVariableValueToObject(mojo, "certificates", "true");
        mojo.execute();
        assertEquals(List.of("/app/mojo-demo"), entrypointCommand());

        ImageMojo asked = configuredMojo();
        setVariableValueToObject(asked, "certificates", "true");
        setVariableValueToObject(asked, "javaTrustStore", "true");
        asked.execute();
        assertEquals(3, entrypointCommand().size());

        ImageMojo wrong = configuredMojo();
        setVariableValueToObject(wrong, "javaTrustStore", "maybe");
        MojoFailureException failure = assertThrows(MojoFailureException.class, wrong::execute);
        assertTrue(failure.getMessage(), failure.getMessage().startsWith("javaTrustStore \"maybe\" is not auto, true or false"));
    }

    private List<String> entrypointCommand() throws Exception {
        List<String> command = new ArrayList<>();
        config().get("Entrypoint").forEach(element -> command.add(element.asText()));
        return command;
    }

    private JsonNode config() throws Exception {
        Path tarball = baseDirectory.resolve("target/scratchpack/image.tar");
        Map<String, byte[]> files = new java.util.HashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(tarball))) {
            for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                files.put(entry.getName(), in.readAllBytes());
            }
        }
        String configName = new ObjectMapper().readTree(files.get("manifest.json")).get(0).get("Config").asText();
        return new ObjectMapper().readTree(files.get(configName)).get("config");
    }

    private String entrypoint() throws Exception {
        return config().get("Entrypoint").get(0).asText();
    }

    public void testDynamicBinaryFailsBeforeWritingAnything() throws Exception {
        StaticBinaries.dynamicServer(baseDirectory.resolve("target"), "mojo-demo");
        ImageMojo mojo = configuredMojo();
        MojoFailureException failure = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(failure.getMessage(), failure.getMessage().contains("is dynamically linked"));
        assertFalse(Files.exists(baseDirectory.resolve("target/scratchpack")));
    }

    public void testAttachAddsTheTarballImageJsonAndSbomToTheProject() throws Exception {
        assertEquals(List.of("tar:image target/scratchpack/image.tar", "json:image target/scratchpack/image.json",
                "json:cyclonedx target/scratchpack/sbom.cdx.json"), attachedBy(true));
    }

    public void testAttachFalseAttachesNothing() throws Exception {
        assertEquals(List.of(), attachedBy(false));
        assertTrue(Files.isRegularFile(baseDirectory.resolve("target/scratchpack/image.tar")));
    }

    /** What the goal attaches to the project with attach set as given: type:classifier and the file. */
    private List<String> attachedBy(boolean attach) throws Exception {
        StaticBinaries.staticServer(baseDirectory.resolve("target"), "mojo-demo");
        ImageMojo mojo = configuredMojo();
        setVariableValueToObject(mojo, "attach", attach);
        mojo.execute();
        org.apache.maven.project.MavenProject project =
                (org.apache.maven.project.MavenProject) getVariableValueFromObject(mojo, "project");
        return project.getAttachedArtifacts().stream().map(artifact -> artifact.getType() + ":"
                + artifact.getClassifier() + " " + baseDirectory.relativize(artifact.getFile().toPath())).toList();
    }

    public void testSkipWritesNothing() throws Exception {
        ImageMojo mojo = configuredMojo();
        setVariableValueToObject(mojo, "skip", true);
        mojo.execute();
        assertFalse(Files.exists(baseDirectory.resolve("target/scratchpack")));
    }

    public void testMissingBinaryNamesTheParameter() throws Exception {
        ImageMojo mojo = configuredMojo();
        MojoFailureException failure = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(failure.getMessage(), failure.getMessage().contains("scratchpack.binary"));
    }

}
