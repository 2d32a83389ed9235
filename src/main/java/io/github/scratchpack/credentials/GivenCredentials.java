package io.github.scratchpack.credentials;

import io.github.scratchpack.network.PushException;
import io.github.scratchpack.network.RegistryAddress;
import java.util.Optional;

/** The credential given as the {@code username} and {@code password} parameters of the push goal. */
public record GivenCredentials(String username, String password) implements CredentialSource {

    @Override
    public String description(RegistryAddress registry) {
        return "the scratchpack.username and scratchpack.password parameters";
    }

    @Override
    public Optional<RegistryCredential> find(RegistryAddress registry) throws PushException {
        boolean hasUser = username != null && !username.isEmpty();
        boolean hasPassword = password != null && !password.isEmpty();
        if (hasUser != hasPassword) {
            throw new PushException("Only one of scratchpack.username and scratchpack.password is set. Set both, or"
                    + " neither to use settings.xml, Docker's config.json or the containers auth.json.");
        }
        return hasUser ? Optional.of(new RegistryCredential(username, password)) : Optional.empty();
    }
}
