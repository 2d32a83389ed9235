package io.github.scratchpack.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.scratchpack.image.ImageReference;
import io.github.scratchpack.image.Sha256;
import io.github.scratchpack.output.TarballImage;
import io.github.scratchpack.signing.ImageSignature;
import io.github.scratchpack.signing.SigningKey;
import io.github.scratchpack.signing.TestKeys;
import io.github.scratchpack.testing.ExternalTool;
import io.github.scratchpack.testing.LocalRegistry;
import io.github.scratchpack.testing.OciSchemas;
import io.github.scratchpack.testing.RegistryHttp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pushes images with an SBOM and a signature to a real distribution registry, which has no referrers API, and reads
 * back what is there with skopeo and plain HTTP; openssl checks the signature.
 */
class AttachmentPushTest {
    private static final String CYCLONEDX = "application/vnd.cyclonedx+json";
    private static final String REPOSITORY = "demo/app";

    @TempDir
    Path dir;
    private TarballImage image;
    private Path sbomFile;
    private Path plainKey;

    @BeforeEach
    void buildImage() throws Exception {
        image = PushFixtures.image(dir, 0);
        sbomFile = Files.writeString(dir.resolve("sbom.cdx.json"),
                "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"version\":1,\"components\":[]}");
        plainKey = TestKeys.p256(dir, "key.pem");
    }

    private Attachments.Sbom sbom() throws Exception {
        byte[] content = Files.readAllBytes(sbomFile);
        return new Attachments.Sbom(sbomFile, CYCLONEDX, Sha256.of(content), content.length);
    }

    private ImageSignature signature(LocalRegistry registry, TarballImage signed) throws Exception {
        SigningKey key = SigningKey.read(TestKeys.encrypt(plainKey, "Pa55"), "Pa55".toCharArray());
        return ImageSignature.sign(key, registry.address() + "/" + REPOSITORY, signed.manifestDigest());
    }

    private void push(LocalRegistry registry, TarballImage pushed, String tag, Attachments attachments) throws Exception {
        new RegistryPush(PushFixtures.options(null, null), PushFixtures.settingsOnly(Map.of(), dir.resolve("home")),
                new RecordingPushListener(), event -> { })
                .push(pushed, ImageReference.parse(registry.address() + "/" + REPOSITORY + ":" + tag),
                        PushFixtures.tags(), attachments);
    }

    private static JsonNode json(byte[] bytes) throws Exception {
        return new ObjectMapper().readTree(bytes);
    }

    private static String skopeoRaw(String reference) throws Exception {
        return ExternalTool.check(List.of(ExternalTool.require("skopeo").toString(), "inspect", "--raw",
                "--tls-verify=false", "docker://" + reference));
    }

    private static String tagOf(String digest) {
        return "sha256-" + Sha256.hex(digest);
    }

    @Test
    void theSbomIsAReferrerInTheTagSchemaIndexAndTheSignatureVerifiesWithOpenssl() throws Exception {
        try (LocalRegistry registry = LocalRegistry.start(dir.resolve("registry"))) {
            push(registry, image, "1.0", new Attachments(sbom(), signature(registry, image)));
            RegistryHttp http = new RegistryHttp(registry.address());
            String name = registry.address() + "/" + REPOSITORY;

            byte[] indexBytes = skopeoRaw(name + ":" + tagOf(image.manifestDigest())).getBytes(StandardCharsets.UTF_8);
            assertEquals(Set.of(), OciSchemas.violations(OciSchemas.Kind.INDEX, indexBytes));
            JsonNode index = json(indexBytes);
            assertEquals("application/vnd.oci.image.index.v1+json", index.path("mediaType").asText());
            assertEquals(1, index.path("manifests").size(), index.toString());
            JsonNode entry = index.path("manifests").get(0);
            assertEquals(CYCLONEDX, entry.path("artifactType").asText());

            byte[] referrerBytes = http.manifest(REPOSITORY, entry.path("digest").asText(),
                    "application/vnd.oci.image.manifest.v1+json").orElseThrow();
            assertEquals(entry.path("digest").asText(), Sha256.of(referrerBytes));
            assertEquals(entry.path("size").asLong(), referrerBytes.length);
            assertEquals(Set.of(), OciSchemas.violations(OciSchemas.Kind.MANIFEST, referrerBytes));
            JsonNode referrer = json(referrerBytes);
            assertEquals(CYCLONEDX, referrer.path("artifactType").asText());
            assertEquals(image.manifestDigest(), referrer.at("/subject/digest").asText());
            assertEquals(image.manifest().length, referrer.at("/subject/size").asLong());
            assertEquals("application/vnd.oci.empty.v1+json", referrer.at("/config/mediaType").asText());
            assertEquals("{}", new String(http.blob(REPOSITORY, referrer.at("/config/digest").asText()),
                    StandardCharsets.UTF_8));
            assertEquals(Files.readString(sbomFile), new String(http.blob(REPOSITORY,
                    referrer.at("/layers/0/digest").asText()), StandardCharsets.UTF_8));

            String sigTag = tagOf(image.manifestDigest()) + ".sig";
            byte[] sigBytes = skopeoRaw(name + ":" + sigTag).getBytes(StandardCharsets.UTF_8);
            assertEquals(Set.of(), OciSchemas.violations(OciSchemas.Kind.MANIFEST, sigBytes));
            JsonNode sig = json(sigBytes);
            assertEquals(1, sig.path("layers").size());
            JsonNode layer = sig.path("layers").get(0);
            assertEquals("application/vnd.dev.cosign.simplesigning.v1+json", layer.path("mediaType").asText());
            byte[] payload = http.blob(REPOSITORY, layer.path("digest").asText());
            JsonNode claims = json(payload);
            assertEquals(name, claims.at("/critical/identity/docker-reference").asText());
            assertEquals(image.manifestDigest(), claims.at("/critical/image/docker-manifest-digest").asText());
            assertEquals("cosign container image signature", claims.at("/critical/type").asText());
            byte[] der = Base64.getDecoder().decode(layer.at("/annotations/dev.cosignproject.cosign~1signature").asText());
            assertTrue(TestKeys.opensslVerifies(TestKeys.publicKey(plainKey), payload, der, dir));
            JsonNode config = json(http.blob(REPOSITORY, sig.at("/config/digest").asText()));
            assertEquals(layer.path("digest").asText(), config.at("/rootfs/diff_ids/0").asText());

            List<String> tags = new ArrayList<>();
            json(http.tags(REPOSITORY).getBytes(StandardCharsets.UTF_8)).path("tags").forEach(tag -> tags.add(tag.asText()));
            tags.sort(null);
            assertEquals(List.of("1.0", "latest", tagOf(image.manifestDigest()), sigTag), tags,
                    "one signature covers both tags");
        }
    }

    @Test
    void aReferrerAlreadyInTheIndexSurvivesAndAPushAgainListsNothingTwice() throws Exception {
        try (LocalRegistry registry = LocalRegistry.start(dir.resolve("registry"))) {
            push(registry, image, "1.0", Attachments.NONE);
            RegistryHttp http = new RegistryHttp(registry.address());
            byte[] note = "{\"note\":\"scanned\"}".getBytes(StandardCharsets.UTF_8);
            http.putBlob(REPOSITORY, Sha256.of(note), note);
            http.putBlob(REPOSITORY, Sha256.of("{}".getBytes(StandardCharsets.UTF_8)), "{}".getBytes(StandardCharsets.UTF_8));
            byte[] other = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                    + "\"artifactType\":\"application/vnd.example.scan+json\",\"config\":{\"mediaType\":"
                    + "\"application/vnd.oci.empty.v1+json\",\"digest\":\"" + Sha256.of("{}".getBytes(StandardCharsets.UTF_8))
                    + "\",\"size\":2},\"layers\":[{\"mediaType\":\"application/vnd.example.scan+json\",\"digest\":\""
                    + Sha256.of(note) + "\",\"size\":" + note.length + "}],\"subject\":{\"mediaType\":\""
                    + image.manifestMediaType() + "\",\"digest\":\"" + image.manifestDigest() + "\",\"size\":"
                    + image.manifest().length + "}}").getBytes(StandardCharsets.UTF_8);
            http.putManifest(REPOSITORY, Sha256.of(other), "application/vnd.oci.image.manifest.v1+json", other);
            String otherEntry = "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\""
                    + Sha256.of(other) + "\",\"size\":" + other.length + ",\"artifactType\":"
                    + "\"application/vnd.example.scan+json\",\"annotations\":{\"org.example.scanner\":\"v2\"}}";
            byte[] planted = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
                    + "\"manifests\":[" + otherEntry + "]}").getBytes(StandardCharsets.UTF_8);
            http.putManifest(REPOSITORY, tagOf(image.manifestDigest()), "application/vnd.oci.image.index.v1+json", planted);

            push(registry, image, "1.0", new Attachments(sbom(), signature(registry, image)));
            push(registry, image, "1.0", new Attachments(sbom(), signature(registry, image)));

            JsonNode index = json(http.manifest(REPOSITORY, tagOf(image.manifestDigest()),
                    "application/vnd.oci.image.index.v1+json").orElseThrow());
            assertEquals(2, index.path("manifests").size(), index.toString());
            assertEquals(json(otherEntry.getBytes(StandardCharsets.UTF_8)), index.path("manifests").get(0),
                    "the planted referrer lost a field");
            assertEquals(CYCLONEDX, index.path("manifests").get(1).path("artifactType").asText());
            JsonNode sig = json(http.manifest(REPOSITORY, tagOf(image.manifestDigest()) + ".sig",
                    "application/vnd.oci.image.manifest.v1+json").orElseThrow());
            assertEquals(1, sig.path("layers").size(), "a push again replaces the signature rather than adding one");
        }
    }

    /**
     * skopeo with a sigstoreSigned policy, as a user would require the signature. Where the build has sigstore, the
     * right key passes and another fails. Debian's containers/image build refuses every such policy, which the README
     * says: there the test checks that refusal (exit code and Debian's own text), and the openssl checks above stand
     * in for the verification.
     */
    @Test
    void skopeoWithASigstorePolicyAcceptsOnlyTheSigningKeyOrIsDebiansBuildWithoutSigstore() throws Exception {
        try (LocalRegistry registry = LocalRegistry.start(dir.resolve("registry"))) {
            push(registry, image, "1.0", new Attachments(null, signature(registry, image)));
            String repository = registry.address() + "/" + REPOSITORY;
            Path registriesD = Files.createDirectories(dir.resolve("registries.d"));
            Files.writeString(registriesD.resolve("test.yaml"),
                    "docker:\n  " + repository + ":\n    use-sigstore-attachments: true\n");
            ExternalTool.Result signedByKey = skopeoCopyWithPolicy(repository, TestKeys.publicKey(plainKey), registriesD);
            if (signedByKey.output().contains("Debian-local change")) {
                assertTrue(signedByKey.output().contains("Debian-local change: sigstore disabled"), signedByKey.output());
                assertTrue(signedByKey.exitCode() != 0, "Debian's skopeo refused the policy but exited 0");
                return;
            }
            assertEquals(0, signedByKey.exitCode(), signedByKey.output());
            Path otherKey = TestKeys.publicKey(TestKeys.p256(dir, "other.pem"));
            assertTrue(skopeoCopyWithPolicy(repository, otherKey, registriesD).exitCode() != 0,
                    "skopeo accepted the image with a key that did not sign it");
        }
    }

    private ExternalTool.Result skopeoCopyWithPolicy(String repository, Path publicKey, Path registriesD) throws Exception {
        Path policy = Files.writeString(dir.resolve("policy.json"), "{\"default\":[{\"type\":\"reject\"}],"
                + "\"transports\":{\"docker\":{\"" + repository + "\":[{\"type\":\"sigstoreSigned\",\"keyPath\":\""
                + publicKey + "\",\"signedIdentity\":{\"type\":\"matchRepository\"}}]}}}");
        Path target = dir.resolve("copied-" + System.nanoTime());
        return ExternalTool.run(Duration.ofMinutes(2), List.of(ExternalTool.require("skopeo").toString(),
                "--policy", policy.toString(), "--registries.d", registriesD.toString(), "copy", "--src-tls-verify=false",
                "docker://" + repository + ":1.0", "dir:" + target));
    }

    @Test
    void anotherImagePushedWithoutKeyToTheSameRepositoryHasNoSignature() throws Exception {
        TarballImage unsigned = PushFixtures.image(Files.createDirectories(dir.resolve("other")), 4096);
        assertFalse(unsigned.manifestDigest().equals(image.manifestDigest()));
        try (LocalRegistry registry = LocalRegistry.start(dir.resolve("registry"))) {
            push(registry, image, "1.0", new Attachments(null, signature(registry, image)));
            push(registry, unsigned, "2.0", Attachments.NONE);
            RegistryHttp http = new RegistryHttp(registry.address());
            String manifestType = "application/vnd.oci.image.manifest.v1+json";
            assertTrue(http.manifest(REPOSITORY, tagOf(image.manifestDigest()) + ".sig", manifestType).isPresent());
            assertTrue(http.manifest(REPOSITORY, tagOf(unsigned.manifestDigest()) + ".sig", manifestType).isEmpty());
            assertTrue(http.manifest(REPOSITORY, tagOf(image.manifestDigest()), "application/vnd.oci.image.index.v1+json")
                    .isEmpty(), "no SBOM was given, yet a referrers index was written");
        }
    }
}
