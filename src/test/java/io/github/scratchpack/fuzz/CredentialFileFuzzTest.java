package io.github.scratchpack.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.registry.RegistryAliasGroup;
import io.github.scratchpack.credentials.DockerConfigCredentials;
import io.github.scratchpack.credentials.RegistryCredential;
import io.github.scratchpack.network.PushException;
import io.github.scratchpack.network.RegistryAddress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Feeds arbitrary bytes to the reader of Docker's {@code config.json} and the containers {@code auth.json}, as each
 * file, for a few registries. The reader may find a credential, find none, or refuse with a {@link PushException}
 * that names the file; any other exception fails the test, as does a secret of the file (an {@code auth}, password
 * or token, or the password inside an {@code auth}) in a message or a log note. Credential helpers the file names
 * are never run: they are stood in for by helpers that are not installed.
 */
class CredentialFileFuzzTest {
    private static final List<RegistryAddress> REGISTRIES = List.of(RegistryAddress.parse("ghcr.io"),
            RegistryAddress.parse("127.0.0.1:5000"), RegistryAddress.parse("docker.io"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> SECRET_FIELDS = Set.of("auth", "password", "identitytoken", "registrytoken");
    private static final Pattern SECRET_FIELD = Pattern.compile("(?i)\"(" + String.join("|", SECRET_FIELDS) + ")\""
            + "\\s*:\\s*\"?([^\"]*)");
    /** Shorter values are left out: they could be part of a message's own words by chance. */
    private static final int SECRET_LENGTH = 8;
    private static final Path DIRECTORY = Path.of("target", "credential-file-fuzz").toAbsolutePath();

    @FuzzTest(maxDuration = "15s")
    void readsAnyCredentialFileOrSaysWhyNot(byte[] data) throws IOException {
        List<String> secrets = secretsIn(data);
        read("Docker config", DIRECTORY.resolve("docker/config.json"), data, secrets);
        read("containers auth file", DIRECTORY.resolve("containers/auth.json"), data, secrets);
        read("legacy Docker config", DIRECTORY.resolve(".dockercfg"), data, secrets);
    }

    private static void read(String kind, Path file, byte[] data, List<String> secrets) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, data);
        List<String> notes = new ArrayList<>();
        DockerConfigCredentials reader = new DockerConfigCredentials(kind, file, file.endsWith(".dockercfg"),
                CredentialFileFuzzTest::notInstalled,
                (LogEvent event) -> notes.add(event.getMessage()));
        for (RegistryAddress registry : REGISTRIES) {
            try {
                Optional<RegistryCredential> found = reader.find(registry);
                if (found.isPresent() && (found.get().username() == null || found.get().password() == null)) {
                    throw new IllegalStateException("a credential without a user name or password for " + registry);
                }
            } catch (PushException expected) {
                String message = expected.getMessage();
                if (message == null || !message.startsWith("Cannot read the " + kind + " " + file + ": ")) {
                    throw new IllegalStateException("a failure that does not name the file: " + message, expected);
                }
                for (Throwable cause = expected; cause != null; cause = cause.getCause()) {
                    notes.add(cause.getMessage());
                }
            }
        }
        for (String note : notes) {
            for (String secret : secrets) {
                if (note != null && !innocent(secret, file, kind) && contains(note, secret)) {
                    throw new IllegalStateException("a secret of the file in the text: " + note);
                }
            }
        }
    }

    /** A credential helper stand-in that is never installed, so no {@code docker-credential-*} program runs. */
    private static Optional<RegistryCredential> notInstalled(String helper, String serverUrl) {
        if (helper.contains("/") || helper.contains("\\")) {
            throw new IllegalStateException("asked to run a helper by path: " + helper);
        }
        return Optional.empty();
    }

    /**
     * The values of the secret fields, and the passwords in the {@code auth} fields: from the JSON when it parses,
     * else from the text, which is what a parser's message could echo.
     */
    private static List<String> secretsIn(byte[] data) {
        List<String> values = new ArrayList<>();
        try {
            collect(JSON.readTree(data), values);
        } catch (IOException | RuntimeException notJson) {
            Matcher field = SECRET_FIELD.matcher(new String(data, StandardCharsets.UTF_8));
            while (field.find()) {
                values.add(field.group(2));
                if (field.group(1).equalsIgnoreCase("auth")) {
                    values.add(passwordIn(field.group(2)));
                }
            }
        }
        List<String> secrets = new ArrayList<>();
        for (String value : values) {
            if (value != null && value.length() >= SECRET_LENGTH) {
                secrets.add(value);
            }
        }
        return secrets;
    }

    private static void collect(JsonNode node, List<String> values) {
        if (node == null) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey().toLowerCase(Locale.ROOT);
            if (field.getValue().isTextual() && SECRET_FIELDS.contains(name)) {
                values.add(field.getValue().textValue());
                if (name.equals("auth")) {
                    values.add(passwordIn(field.getValue().textValue()));
                }
            }
        }
        for (JsonNode child : node) {
            collect(child, values);
        }
    }

    private static String passwordIn(String auth) {
        try {
            String decoded = new String(Base64.getDecoder().decode(auth), StandardCharsets.UTF_8);
            return decoded.substring(decoded.indexOf(':') + 1);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    /** Whether a value is also text that a message may show, such as the file's name or a registry's. */
    private static boolean innocent(String secret, Path file, String kind) {
        if (contains(file.toString(), secret) || contains(kind, secret)) {
            return true;
        }
        for (RegistryAddress registry : REGISTRIES) {
            for (String alias : RegistryAliasGroup.getAliasesGroup(registry.toString())) {
                if (contains(alias, secret)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * {@code text.contains(part)} as a plain loop: Jazzer hooks {@code String.contains} and would steer its inputs
     * towards the message's own words, which are no leak.
     */
    private static boolean contains(String text, String part) {
        for (int start = 0; start + part.length() <= text.length(); start++) {
            int matched = 0;
            while (matched < part.length() && text.charAt(start + matched) == part.charAt(matched)) {
                matched++;
            }
            if (matched == part.length()) {
                return true;
            }
        }
        return false;
    }
}
