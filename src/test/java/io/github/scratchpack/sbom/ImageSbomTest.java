package io.github.scratchpack.sbom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.scratchpack.elf.StaticExecutableCheck;
import io.github.scratchpack.image.Image;
import io.github.scratchpack.image.ImageAssembler;
import io.github.scratchpack.image.ImageReference;
import io.github.scratchpack.image.ImageSpec;
import io.github.scratchpack.image.Sha256;
import io.github.scratchpack.testing.StaticBinaries;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cyclonedx.Version;
import org.cyclonedx.exception.ParseException;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageSbomTest {
    private static final byte[] PEM = "-----BEGIN CERTIFICATE-----\nnot parsed here\n-----END CERTIFICATE-----\n"
            .getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;
    private Path binary;
    private Path config;

    @BeforeEach
    void files() throws Exception {
        binary = StaticBinaries.staticServer(dir, "server");
        config = Files.writeString(Files.createDirectories(dir.resolve("project/src/main/config")).resolve("app.toml"),
                "port = 8080\n");
    }

    private ImageSpec spec() throws Exception {
        return ImageSpec.builder(binary, StaticExecutableCheck.check(binary), ImageReference.parse("ghcr.io/acme/server:1.0"))
                .tag("latest").file(config, "/etc/app/app.toml", "644").certificates(PEM)
                .creationTime(Instant.parse("2026-02-03T04:05:06Z")).build();
    }

    private ExecutableContents builtHere() throws Exception {
        Library slf4j = new Library("org.slf4j", "slf4j-api", "2.0.16", "jar", null, Sha256.of(new byte[] {1}),
                List.of(new DeclaredLicense("MIT", "https://opensource.org/license/mit")), List.of());
        Library simple = new Library("org.slf4j", "slf4j-simple", "2.0.16", "jar", null, Sha256.of(new byte[] {2}),
                List.of(new DeclaredLicense("The Apache Software License, Version 2.0", null),
                        new DeclaredLicense("Acme Commercial License", "https://acme.example/license")),
                List.of(slf4j.purl()));
        Library application = new Library("com.example", "server", "1.0", "jar", null, Sha256.of(new byte[] {3}),
                List.of(new DeclaredLicense("Apache-2.0", null)), List.of(simple.purl()));
        return new ExecutableContents(Sha256.ofFile(binary), "native-image 21.0.2 2024-01-16", application,
                List.of(simple, slf4j));
    }

    private byte[] sbom(ExecutableContents contents) throws Exception {
        ImageSpec spec = spec();
        Image image = new ImageAssembler(dir.resolve("work")).assemble(spec);
        return ImageSbom.cycloneDx(spec, image, new SbomContext(contents, "the PEM file certs.pem of the project",
                dir.resolve("project"), "0.1.0"));
    }

    private static Bom validated(byte[] json) throws Exception {
        List<ParseException> errors = new JsonParser().validate(json, Version.VERSION_16);
        assertEquals(List.of(), errors, new String(json, StandardCharsets.UTF_8));
        return new JsonParser().parse(json);
    }

    private static Map<String, Component> byRef(Bom bom) {
        Map<String, Component> components = new TreeMap<>();
        bom.getComponents().forEach(component -> components.put(component.getBomRef(), component));
        return components;
    }

    @Test
    void listsTheLibrariesOfAnExecutableBuiltHereAndValidatesAgainstCycloneDx16() throws Exception {
        byte[] json = sbom(builtHere());
        Bom bom = validated(json);
        assertEquals("1.6", bom.getSpecVersion());

        Component subject = bom.getMetadata().getComponent();
        assertEquals(Component.Type.CONTAINER, subject.getType());
        Image image = new ImageAssembler(dir.resolve("work")).assemble(spec());
        assertEquals(image.digest(), subject.getVersion());
        assertEquals(Sha256.hex(image.digest()), subject.getHashes().get(0).getValue());
        assertEquals("pkg:oci/server@" + image.digest().replace(":", "%3A")
                + "?repository_url=ghcr.io%2Facme%2Fserver&tag=1.0", subject.getPurl());
        assertEquals(Instant.parse("2026-02-03T04:05:06Z"), bom.getMetadata().getTimestamp().toInstant());

        Map<String, Component> components = byRef(bom);
        Component slf4j = components.get("pkg:maven/org.slf4j/slf4j-api@2.0.16");
        assertEquals(Component.Type.LIBRARY, slf4j.getType());
        assertEquals("SHA-256", slf4j.getHashes().get(0).getAlgorithm());
        assertEquals(Sha256.hex(Sha256.of(new byte[] {1})), slf4j.getHashes().get(0).getValue());
        assertEquals("MIT", slf4j.getLicenses().getLicenses().get(0).getId());
        assertEquals("https://opensource.org/license/mit", slf4j.getLicenses().getLicenses().get(0).getUrl());
        List<org.cyclonedx.model.License> simple = components.get("pkg:maven/org.slf4j/slf4j-simple@2.0.16")
                .getLicenses().getLicenses();
        assertEquals("Apache-2.0", simple.get(0).getId(), "a POM's long name gets its SPDX identifier");
        assertNull(simple.get(1).getId(), "an unknown license keeps its name");
        assertEquals("Acme Commercial License", simple.get(1).getName());
        assertEquals("https://acme.example/license", simple.get(1).getUrl());
        assertTrue(components.containsKey("pkg:maven/com.example/server@1.0"));

        Component executable = components.get("file:/app/server");
        assertEquals(Sha256.hex(Sha256.ofFile(binary)), executable.getHashes().get(0).getValue());
        assertEquals("1.0", executable.getVersion());
        Component file = components.get("file:/etc/app/app.toml");
        assertEquals(Sha256.hex(Sha256.ofFile(config)), file.getHashes().get(0).getValue());
        assertEquals("src/main/config/app.toml", file.getProperties().get(0).getValue(), "relative to the project");
        Component certificates = components.get("file:/etc/ssl/certs/ca-certificates.crt");
        assertEquals(Sha256.hex(Sha256.of(PEM)), certificates.getHashes().get(0).getValue());
        assertTrue(certificates.getDescription().contains("certs.pem"), certificates.getDescription());

        JsonNode tree = new ObjectMapper().readTree(json);
        Map<String, List<String>> graph = new TreeMap<>();
        tree.get("dependencies").forEach(node -> {
            List<String> targets = new ArrayList<>();
            node.path("dependsOn").forEach(target -> targets.add(target.asText()));
            graph.put(node.get("ref").asText(), targets);
        });
        assertEquals(List.of("file:/app/server", "file:/etc/app/app.toml", "file:/etc/ssl/certs/ca-certificates.crt"),
                graph.get(subject.getBomRef()));
        assertEquals(List.of("pkg:maven/com.example/server@1.0"), graph.get("file:/app/server"));
        assertEquals(List.of("pkg:maven/org.slf4j/slf4j-simple@2.0.16"), graph.get("pkg:maven/com.example/server@1.0"));
        assertEquals(List.of("pkg:maven/org.slf4j/slf4j-api@2.0.16"), graph.get("pkg:maven/org.slf4j/slf4j-simple@2.0.16"));

        List<String> tools = new ArrayList<>();
        tree.at("/metadata/tools/components").forEach(tool -> tools.add(tool.get("name").asText() + " "
                + tool.path("version").asText()));
        assertEquals(List.of("native-image 21.0.2", "scratchpack-maven-plugin 0.1.0"), tools);
        assertEquals("incomplete", tree.at("/compositions/0/aggregate").asText());
    }

    @Test
    void sameInputsGiveTheSameBytesAndADerivedSerialNumber() throws Exception {
        byte[] first = sbom(builtHere());
        byte[] second = sbom(builtHere());
        assertArrayEquals(first, second);
        String serial = validated(first).getSerialNumber();
        assertTrue(serial.matches("urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}"), serial);

        Files.writeString(config, "port = 9090\n");
        byte[] changed = sbom(builtHere());
        assertNotEquals(serial, validated(changed).getSerialNumber(), "another file, another serial number");
    }

    @Test
    void theInputsDigestChangesWithWhatTheImageDigestDoesNotCover() throws Exception {
        Path project = dir.resolve("project");
        String inputs = ImageSbom.inputs(spec(), new SbomContext(builtHere(), "the JDK", project, "0.1.0"));
        assertEquals(inputs, ImageSbom.inputs(spec(), new SbomContext(builtHere(), "the JDK", project, "0.1.0")));
        assertNotEquals(inputs, ImageSbom.inputs(spec(), new SbomContext(null, "the JDK", project, "0.1.0")));
        assertNotEquals(inputs, ImageSbom.inputs(spec(), new SbomContext(builtHere(), "a PEM file", project, "0.1.0")));
        assertNotEquals(inputs, ImageSbom.inputs(spec(), new SbomContext(builtHere(), "the JDK", project, "0.2.0")));
        ExecutableContents relicensed = builtHere();
        Library application = relicensed.application();
        relicensed = new ExecutableContents(relicensed.executableDigest(), relicensed.builder(),
                new Library(application.groupId(), application.artifactId(), application.version(), application.type(),
                        application.classifier(), application.digest(), List.of(new DeclaredLicense("MIT", null)),
                        application.dependencies()), relicensed.libraries());
        assertNotEquals(inputs, ImageSbom.inputs(spec(), new SbomContext(relicensed, "the JDK", project, "0.1.0")));
    }

    @Test
    void anExecutableNotBuiltHereIsListedWithItsHashAndNothingInvented() throws Exception {
        byte[] json = sbom(null);
        Bom bom = validated(json);
        Map<String, Component> components = byRef(bom);
        assertEquals(List.of("file:/app/server", "file:/etc/app/app.toml", "file:/etc/ssl/certs/ca-certificates.crt"),
                new ArrayList<>(components.keySet()));
        Component executable = components.get("file:/app/server");
        assertEquals(Sha256.hex(Sha256.ofFile(binary)), executable.getHashes().get(0).getValue());
        assertNull(executable.getVersion());
        assertTrue(executable.getDescription().contains("did not make"), executable.getDescription());
        JsonNode tree = new ObjectMapper().readTree(json);
        assertEquals("unknown", tree.at("/compositions/0/aggregate").asText());
        assertEquals("file:/app/server", tree.at("/compositions/0/assemblies/0").asText());
        assertEquals(1, tree.at("/metadata/tools/components").size(), "no builder is named");
        assertFalse(new String(json, StandardCharsets.UTF_8).contains("pkg:maven/org.slf4j"));
    }

    @Test
    void mavenPackageUrlsNameTypeAndClassifierOnlyWhenNeeded() {
        assertEquals("pkg:maven/org.slf4j/slf4j-api@2.0.16", PackageUrls.maven("org.slf4j", "slf4j-api", "2.0.16", "jar", null));
        assertEquals("pkg:maven/io.netty/netty-transport-native-epoll@4.1.115.Final?classifier=linux-x86_64",
                PackageUrls.maven("io.netty", "netty-transport-native-epoll", "4.1.115.Final", "jar", "linux-x86_64"));
        assertEquals("pkg:maven/com.example/lib@1.0-SNAPSHOT?classifier=tests&type=test-jar",
                PackageUrls.maven("com.example", "lib", "1.0-SNAPSHOT", "test-jar", "tests"));
    }

    @Test
    void ociPackageUrlOfADockerHubImageNamesTheFullRepository() {
        assertEquals("pkg:oci/app@sha256%3Aab?repository_url=docker.io%2Flibrary%2Fapp&tag=1",
                PackageUrls.oci(ImageReference.parse("app:1"), "sha256:ab"));
    }

    @Test
    void theRecordOfAnExecutableIsTrustedOnlyWhileTheExecutableIsUnchanged() throws Exception {
        ExecutableContents contents = builtHere();
        assertEquals(java.util.Optional.empty(), ExecutableContents.readFor(binary), "no record yet");
        contents.writeFor(binary);
        assertEquals(contents, ExecutableContents.readFor(binary).orElseThrow());
        Files.write(binary, new byte[] {0}, java.nio.file.StandardOpenOption.APPEND);
        assertEquals(java.util.Optional.empty(), ExecutableContents.readFor(binary), "rebuilt elsewhere since");
    }
}
