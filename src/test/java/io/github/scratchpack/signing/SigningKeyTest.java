package io.github.scratchpack.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.scratchpack.testing.ExternalTool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads keys that openssl wrote, and has openssl verify what they sign. */
class SigningKeyTest {
    private static final String PASSWORD = "Key-Pa55word-9d1e";
    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    @TempDir
    Path dir;

    @Test
    void anEncryptedP256KeySignsWhatOpensslVerifiesWithThePublicKey() throws Exception {
        Path plain = TestKeys.p256(dir, "key.pem");
        SigningKey key = SigningKey.read(TestKeys.encrypt(plain, PASSWORD), PASSWORD.toCharArray());
        ImageSignature signature = ImageSignature.sign(key, "127.0.0.1:5000/acme/app", DIGEST);
        assertTrue(TestKeys.opensslVerifies(TestKeys.publicKey(plain), signature.payload(), signature.signature(), dir));

        byte[] tampered = new String(signature.payload(), StandardCharsets.UTF_8).replace("ab", "cd")
                .getBytes(StandardCharsets.UTF_8);
        assertFalse(TestKeys.opensslVerifies(TestKeys.publicKey(plain), tampered, signature.signature(), dir),
                "openssl accepts the signature for another digest, so the check above proves nothing");
    }

    @Test
    void aPlainPkcs8KeyNeedsNoPassword() throws Exception {
        Path plain = TestKeys.p256(dir, "key.pem");
        byte[] signature = SigningKey.read(plain, null).sign("x".getBytes(StandardCharsets.UTF_8));
        assertTrue(TestKeys.opensslVerifies(TestKeys.publicKey(plain), "x".getBytes(StandardCharsets.UTF_8), signature, dir));
    }

    @Test
    void thePayloadIsCosignsSimpleSigningForm() throws Exception {
        JsonNode payload = new ObjectMapper().readTree(ImageSignature.payload("ghcr.io/acme/app", DIGEST));
        assertEquals("ghcr.io/acme/app", payload.at("/critical/identity/docker-reference").asText());
        assertEquals(DIGEST, payload.at("/critical/image/docker-manifest-digest").asText());
        assertEquals("cosign container image signature", payload.at("/critical/type").asText());
        assertTrue(payload.has("optional") && payload.get("optional").isNull());
        assertEquals(List.of("critical", "optional"), fieldNames(payload));
    }

    @Test
    void aWrongPasswordIsToldApartAndNotRepeated() throws Exception {
        Path encrypted = TestKeys.encrypt(TestKeys.p256(dir, "key.pem"), PASSWORD);
        String wrong = "Not-the-Pa55word";
        SigningKeyException e = assertThrows(SigningKeyException.class,
                () -> SigningKey.read(encrypted, wrong.toCharArray()));
        assertTrue(e.getMessage().contains("wrong password"), e.getMessage());
        assertFalse(e.getMessage().contains(wrong) || e.getMessage().contains(PASSWORD), e.getMessage());
    }

    @Test
    void anEncryptedKeyWithoutPasswordSaysSo() throws Exception {
        Path encrypted = TestKeys.encrypt(TestKeys.p256(dir, "key.pem"), PASSWORD);
        SigningKeyException e = assertThrows(SigningKeyException.class, () -> SigningKey.read(encrypted, null));
        assertTrue(e.getMessage().contains("is encrypted, and no password was given"), e.getMessage());
    }

    @Test
    void aP384KeyIsRefusedNamingItsCurve() throws Exception {
        Path key = TestKeys.generate(dir, "p384.pem", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384");
        SigningKeyException e = assertThrows(SigningKeyException.class,
                () -> SigningKey.read(TestKeys.encrypt(key, PASSWORD), PASSWORD.toCharArray()));
        assertTrue(e.getMessage().contains("secp384r1") && e.getMessage().contains("not P-256"), e.getMessage());
    }

    @Test
    void anRsaKeyIsRefused() throws Exception {
        Path key = TestKeys.generate(dir, "rsa.pem", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048");
        SigningKeyException e = assertThrows(SigningKeyException.class, () -> SigningKey.read(key, null));
        assertTrue(e.getMessage().contains("is an RSA key, not an EC P-256 key"), e.getMessage());
    }

    @Test
    void aSec1KeyGetsTheConversionCommand() throws Exception {
        Path sec1 = dir.resolve("sec1.pem");
        ExternalTool.check(List.of(ExternalTool.require("openssl").toString(), "ec", "-in",
                TestKeys.p256(dir, "key.pem").toString(), "-out", sec1.toString()));
        assertTrue(Files.readString(sec1).contains("BEGIN EC PRIVATE KEY"));
        SigningKeyException e = assertThrows(SigningKeyException.class, () -> SigningKey.read(sec1, null));
        assertTrue(e.getMessage().contains("openssl pkcs8 -topk8"), e.getMessage());
    }

    @Test
    void aMissingOrNonKeyFileIsNamed() throws Exception {
        Path missing = dir.resolve("missing.pem");
        SigningKeyException e = assertThrows(SigningKeyException.class, () -> SigningKey.read(missing, null));
        assertTrue(e.getMessage().contains(missing + " cannot be read (NoSuchFileException"), e.getMessage());

        Path certificate = Files.writeString(dir.resolve("not-a-key.pem"), "just text\n");
        e = assertThrows(SigningKeyException.class, () -> SigningKey.read(certificate, null));
        assertTrue(e.getMessage().contains("holds no PEM block"), e.getMessage());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
