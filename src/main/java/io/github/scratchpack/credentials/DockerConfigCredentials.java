package io.github.scratchpack.credentials;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.registry.RegistryAliasGroup;
import com.google.cloud.tools.jib.registry.credentials.CredentialRetrievalException;
import com.google.cloud.tools.jib.registry.credentials.DockerCredentialHelper;
import io.github.scratchpack.network.PushException;
import io.github.scratchpack.network.RegistryAddress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The credential in a Docker {@code config.json} or a containers {@code auth.json} (the same format) for one
 * registry. The registry's names are tried in turn ({@code docker.io} also goes by {@code index.docker.io},
 * {@code registry-1.docker.io} and {@code registry.hub.docker.com}); a key in a section matches a name when it is that
 * name, with or without {@code https://} or {@code http://} and a trailing path, as {@code docker login} writes
 * {@code https://index.docker.io/v1/}. For each name:
 * <ol>
 *   <li>the helper in {@code credHelpers}, or else {@code credsStore}, is asked; a helper that is not installed or
 *       has nothing for the registry is logged and skipped;</li>
 *   <li>the entry in {@code auths}: its {@code auth} (base64 of {@code user:password}), then {@code identitytoken}
 *       when there is no password, else its {@code username} and {@code password}.</li>
 * </ol>
 *
 * <p>The contract, which {@code CredentialFileFuzzTest} checks on arbitrary bytes: a missing or blank file, a section
 * without an entry for the registry, JSON {@code null} and keys this reader does not use hold no credential. Anything
 * else that stops the file being read (not JSON, a section of the wrong shape, an {@code auth} that is not base64 or
 * has no {@code :}, a helper name that is not a plain name) fails with a {@link PushException} that names the file and
 * what to fix, and never quotes a secret: no {@code auth}, password or token from the file, and no parser message,
 * since a parser echoes the text it stopped at. Field names are matched ignoring case, as Docker writes
 * {@code identitytoken} and others write {@code identityToken}.
 *
 * <p>The legacy {@code ~/.dockercfg} has no sections: its top-level object is what {@code auths} holds elsewhere.
 *
 * @param kind what the file is, such as {@code Docker config}
 * @param file the file
 * @param legacyFormat whether the file is in the legacy {@code .dockercfg} format
 * @param helpers runs the {@code docker-credential-*} helpers the file names
 * @param log where notes on the file go (debug output; they never hold secrets)
 */
public record DockerConfigCredentials(String kind, Path file, boolean legacyFormat, HelperRunner helpers,
                                      Consumer<LogEvent> log) implements CredentialSource {
    /** What follows {@code docker-credential-}: a plain file name, so that the file cannot point at another program. */
    private static final Pattern HELPER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final String FIX_FILE = "Fix or remove the file, or give the credentials in settings.xml.";
    private static final String LOG_IN_AGAIN =
            "Log in to the registry again, or fix or remove the file, or give the credentials in settings.xml.";

    /** Runs a Docker credential helper. */
    @FunctionalInterface
    public interface HelperRunner {
        /**
         * Asks a helper for a server's credential.
         *
         * @param helper the helper's name after {@code docker-credential-}, such as {@code desktop}; a plain name
         * @param serverUrl the server as the file names it
         * @return the credential, or empty when the helper is not installed or has none (the reason is logged)
         */
        Optional<RegistryCredential> run(String helper, String serverUrl);
    }

    /** Reads the file, and runs the helpers it names from the {@code PATH}. */
    public DockerConfigCredentials(String kind, Path file, Consumer<LogEvent> log) {
        this(kind, file, false, installedHelpers(log), log);
    }

    /** Reads a file in the legacy {@code .dockercfg} format, which names no helpers. */
    public static DockerConfigCredentials legacy(String kind, Path file, Consumer<LogEvent> log) {
        return new DockerConfigCredentials(kind, file, true, installedHelpers(log), log);
    }

    @Override
    public String description(RegistryAddress registry) {
        return kind + " " + file;
    }

    @Override
    public Optional<RegistryCredential> find(RegistryAddress registry) throws PushException {
        JsonNode config = read();
        if (config == null) {
            return Optional.empty();
        }
        JsonNode auths = legacyFormat ? config : section(config, "auths");
        JsonNode credHelpers = legacyFormat ? null : section(config, "credHelpers");
        String credsStore = legacyFormat ? null : text(field(config, "credsStore"), "\"credsStore\"");
        for (String alias : RegistryAliasGroup.getAliasesGroup(registry.toString())) {
            Optional<RegistryCredential> fromHelper = fromHelper(credHelpers, credsStore, alias);
            if (fromHelper.isPresent()) {
                return fromHelper;
            }
            Map.Entry<String, JsonNode> auth = entryFor(auths, alias);
            if (auth != null) {
                Optional<RegistryCredential> fromAuths = fromAuths(alias, auth.getValue());
                if (fromAuths.isPresent()) {
                    log.accept(LogEvent.info(kind + " " + file + " has a credential in auths for " + alias));
                    return fromAuths;
                }
            }
        }
        return Optional.empty();
    }

    /** The file as JSON, or null when it is missing or blank. */
    private JsonNode read() throws PushException {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw problem("it cannot be read (" + e.getClass().getSimpleName() + ")", FIX_FILE);
        }
        if (new String(content, StandardCharsets.UTF_8).isBlank()) {
            return null;
        }
        JsonNode config;
        try {
            // made here, not once for the class: with no config file, a push loads none of Jackson's databind
            config = new ObjectMapper().readTree(content);
        } catch (StreamConstraintsException e) {
            throw problem("it is nested deeper or holds longer values than a credential file can", FIX_FILE);
        } catch (JsonProcessingException e) {
            // the parser's own message quotes the text it stopped at, which may be a password
            JsonLocation where = e.getLocation();
            throw problem("it is not valid JSON"
                    + (where == null ? "" : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")"),
                    FIX_FILE);
        } catch (IOException e) {
            throw problem("it is not valid JSON", FIX_FILE);
        }
        if (!config.isObject()) {
            throw problem("it is not a JSON object", FIX_FILE);
        }
        return config;
    }

    /** A section that maps registries to values, or null when the file has none. */
    private JsonNode section(JsonNode config, String name) throws PushException {
        JsonNode section = field(config, name);
        if (section != null && !section.isObject()) {
            throw problem("\"" + name + "\" is not an object of registries", FIX_FILE);
        }
        return section;
    }

    private Optional<RegistryCredential> fromHelper(JsonNode credHelpers, String credsStore, String alias)
            throws PushException {
        Map.Entry<String, JsonNode> credHelper = entryFor(credHelpers, alias);
        String where = "the credHelpers entry for " + alias;
        String named = credHelper == null ? null : text(credHelper.getValue(), where);
        return named != null ? runHelper(named, credHelper.getKey(), where)
                : runHelper(credsStore, alias, "\"credsStore\"");
    }

    private Optional<RegistryCredential> runHelper(String helper, String serverUrl, String where)
            throws PushException {
        if (helper == null || helper.isEmpty()) {
            return Optional.empty();
        }
        if (!HELPER_NAME.matcher(helper).matches()) {
            throw problem(where + " is not a credential helper name", "Give the part after docker-credential-, such as"
                    + " desktop, or remove it. " + FIX_FILE);
        }
        log.accept(LogEvent.info("trying docker-credential-" + helper + " for " + serverUrl));
        return helpers.run(helper, serverUrl);
    }

    private Optional<RegistryCredential> fromAuths(String alias, JsonNode entry) throws PushException {
        if (entry.isNull()) {
            return Optional.empty();
        }
        String where = "the auths entry for " + alias;
        if (!entry.isObject()) {
            throw problem(where + " is not an object", FIX_FILE);
        }
        String auth = text(field(entry, "auth"), "\"auth\" in " + where);
        String token = text(field(entry, "identitytoken"), "\"identitytoken\" in " + where);
        String username = text(field(entry, "username"), "\"username\" in " + where);
        String password = text(field(entry, "password"), "\"password\" in " + where);
        if (auth != null && !auth.isEmpty()) {
            byte[] decoded;
            try {
                decoded = Base64.getDecoder().decode(auth);
            } catch (IllegalArgumentException e) {
                throw problem("\"auth\" in " + where + " is not base64", LOG_IN_AGAIN);
            }
            String userColonPassword = new String(decoded, StandardCharsets.UTF_8);
            int colon = userColonPassword.indexOf(':');
            if (colon < 0) {
                throw problem("\"auth\" in " + where + " is not base64 of user:password", LOG_IN_AGAIN);
            }
            username = userColonPassword.substring(0, colon);
            password = userColonPassword.substring(colon + 1);
        }
        if (token != null && !token.isEmpty() && (password == null || password.isEmpty())) {
            // the token is exchanged for an access token, as Credential.OAUTH2_TOKEN_USER_NAME tells jib
            return Optional.of(new RegistryCredential(Credential.OAUTH2_TOKEN_USER_NAME, token));
        }
        if (username == null || password == null) {
            return Optional.empty();
        }
        return Optional.of(new RegistryCredential(username, password));
    }

    /** The first key of a section that names the registry, or null. */
    private static Map.Entry<String, JsonNode> entryFor(JsonNode section, String alias) {
        if (section == null) {
            return null;
        }
        for (Iterator<Map.Entry<String, JsonNode>> entries = section.fields(); entries.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = entries.next();
            if (host(entry.getKey()).equals(alias)) {
                return entry;
            }
        }
        return null;
    }

    /** {@code https://index.docker.io/v1/} → {@code index.docker.io}, as Docker matches its keys. */
    private static String host(String key) {
        String host = key.toLowerCase(Locale.ROOT);
        for (String scheme : new String[] {"https://", "http://"}) {
            if (host.startsWith(scheme)) {
                host = host.substring(scheme.length());
                break;
            }
        }
        int slash = host.indexOf('/');
        return slash < 0 ? host : host.substring(0, slash);
    }

    /** A field of an object, found ignoring case; null when it is missing or JSON null. */
    private static JsonNode field(JsonNode object, String name) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equalsIgnoreCase(name) && !field.getValue().isNull()) {
                return field.getValue();
            }
        }
        return null;
    }

    /** A string value, or null when it is missing; anything but a string is a mistake in the file. */
    private String text(JsonNode value, String what) throws PushException {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw problem(what + " is not a string", FIX_FILE);
        }
        return value.textValue();
    }

    private PushException problem(String what, String fix) {
        return new PushException("Cannot read the " + kind + " " + file + ": " + what + ". " + fix);
    }

    /** Runs {@code docker-credential-<helper>} from the {@code PATH}, through jib. */
    private static HelperRunner installedHelpers(Consumer<LogEvent> log) {
        return (helper, serverUrl) -> {
            try {
                Credential credential = new DockerCredentialHelper(serverUrl, Path.of("docker-credential-" + helper))
                        .retrieve();
                return Optional.of(new RegistryCredential(credential.getUsername(), credential.getPassword()));
            } catch (IOException | CredentialRetrievalException e) {
                log.accept(LogEvent.warn("docker-credential-" + helper + " has no credential for " + serverUrl + ": "
                        + e.getMessage()));
                return Optional.empty();
            }
        };
    }
}
