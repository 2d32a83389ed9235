package io.github.scratchpack.registry;

import java.util.Optional;
import java.util.function.Function;

/**
 * The credential of a Maven settings.xml {@code <server>} whose id is the registry's {@code host:port} or its
 * {@code host}; the mojo looks servers up and decrypts their passwords, so this class knows nothing of Maven.
 *
 * @param servers the decrypted credential of the server with a given id, if there is one
 */
public record SettingsServerCredentials(Function<String, Optional<RegistryCredential>> servers) implements CredentialSource {

    @Override
    public String description(RegistryAddress registry) {
        return "settings.xml <server> with id " + String.join(" or ", registry.serverIds());
    }

    @Override
    public Optional<RegistryCredential> find(RegistryAddress registry) {
        for (String id : registry.serverIds()) {
            Optional<RegistryCredential> found = servers.apply(id);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }
}
