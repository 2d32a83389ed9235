package io.github.scratchpack.credentials;

import io.github.scratchpack.network.PushException;
import io.github.scratchpack.network.RegistryAddress;
import java.util.Optional;

/** One place that may hold a registry credential, such as settings.xml or Docker's config.json. */
public interface CredentialSource {

    /** Where this source looks, for messages, such as {@code settings.xml <server> with id 127.0.0.1:5000}. */
    String description(RegistryAddress registry);

    /**
     * The credential this source holds for a registry.
     *
     * @param registry the registry
     * @return the credential, or empty when this source has none
     * @throws PushException when the source exists but cannot be used; the message says how to fix it
     */
    Optional<RegistryCredential> find(RegistryAddress registry) throws PushException;
}
