package io.github.scratchpack.registry;

import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.registry.credentials.DockerConfigCredentialRetriever;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The credential in a Docker {@code config.json} or a containers {@code auth.json} (the same format): its
 * {@code auths}, {@code credHelpers} and {@code credsStore}, read by jib.
 *
 * @param kind what the file is, such as {@code Docker config}
 * @param file the file; a missing file holds no credential
 * @param log where jib's notes on the file go (debug output; they never hold secrets)
 */
public record DockerConfigCredentials(String kind, Path file, Consumer<LogEvent> log) implements CredentialSource {

    @Override
    public String description(RegistryAddress registry) {
        return kind + " " + file;
    }

    @Override
    public Optional<RegistryCredential> find(RegistryAddress registry) throws PushException {
        try {
            Optional<Credential> found = DockerConfigCredentialRetriever.create(registry.toString(), file).retrieve(log);
            return found.map(credential -> new RegistryCredential(credential.getUsername(), credential.getPassword()));
        } catch (IOException e) {
            throw new PushException("Cannot read the " + kind + " " + file + ": " + e.getMessage()
                    + ". Fix or remove the file, or give the credentials in settings.xml.", e);
        }
    }
}
