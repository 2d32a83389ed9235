package io.github.scratchpack.credentials;

import io.github.scratchpack.network.PushException;
import io.github.scratchpack.network.RegistryAddress;
import java.util.Optional;

/**
 * The credential of a Maven settings.xml {@code <server>} whose id is the registry's {@code host:port} or its
 * {@code host}; the mojo looks servers up and decrypts their passwords, so this class knows nothing of Maven.
 *
 * @param servers the decrypted credential of the server with a given id, if there is one
 */
public record SettingsServerCredentials(ServerLookup servers) implements CredentialSource {

    /** Looks a settings.xml server up by id. */
    @FunctionalInterface
    public interface ServerLookup {
        /**
         * @param id the server id
         * @return the server's decrypted credential, or empty when there is no such server
         * @throws PushException when the server exists but its password cannot be decrypted
         */
        Optional<RegistryCredential> apply(String id) throws PushException;
    }

    @Override
    public String description(RegistryAddress registry) {
        return "settings.xml <server> with id " + String.join(" or ", registry.serverIds());
    }

    @Override
    public Optional<RegistryCredential> find(RegistryAddress registry) throws PushException {
        for (String id : registry.serverIds()) {
            Optional<RegistryCredential> found = servers.apply(id);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }
}
