package io.github.scratchpack.signing;

import io.github.scratchpack.testing.ExternalTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Keys made by openssl, as a user makes them, so the tests read what openssl writes and not what Java writes. */
public final class TestKeys {
    private TestKeys() {
    }

    /** A plain PKCS#8 key: {@code openssl genpkey} with the given options. */
    public static Path generate(Path directory, String name, String... options) throws Exception {
        Path key = directory.resolve(name);
        List<String> command = new ArrayList<>(List.of(ExternalTool.require("openssl").toString(), "genpkey"));
        command.addAll(List.of(options));
        command.addAll(List.of("-out", key.toString()));
        ExternalTool.check(command);
        return key;
    }

    /** A plain P-256 key. */
    public static Path p256(Path directory, String name) throws Exception {
        return generate(directory, name, "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256");
    }

    /** The key encrypted as the README says: PKCS#8, PBES2 with PBKDF2 and AES-256-CBC. */
    public static Path encrypt(Path plain, String password) throws Exception {
        Path encrypted = plain.resolveSibling(plain.getFileName() + ".enc.pem");
        ExternalTool.check(List.of(ExternalTool.require("openssl").toString(), "pkcs8", "-topk8", "-v2", "aes-256-cbc",
                "-in", plain.toString(), "-out", encrypted.toString(), "-passout", "pass:" + password));
        return encrypted;
    }

    /** The key's public half, as a PEM file for {@code openssl dgst -verify}. */
    public static Path publicKey(Path plain) throws Exception {
        Path pub = plain.resolveSibling(plain.getFileName() + ".pub.pem");
        ExternalTool.check(List.of(ExternalTool.require("openssl").toString(), "pkey", "-in", plain.toString(),
                "-pubout", "-out", pub.toString()));
        return pub;
    }

    /** Whether {@code openssl dgst -sha256 -verify} accepts a DER signature of a payload. */
    public static boolean opensslVerifies(Path publicKey, byte[] payload, byte[] signature, Path work) throws Exception {
        Path payloadFile = Files.write(work.resolve("payload.json"), payload);
        Path signatureFile = Files.write(work.resolve("signature.der"), signature);
        ExternalTool.Result result = ExternalTool.run(Duration.ofSeconds(30), List.of(
                ExternalTool.require("openssl").toString(), "dgst", "-sha256", "-verify", publicKey.toString(),
                "-signature", signatureFile.toString(), payloadFile.toString()));
        return result.exitCode() == 0 && result.output().contains("Verified OK");
    }
}
