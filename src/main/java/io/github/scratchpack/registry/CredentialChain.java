package io.github.scratchpack.registry;

import com.google.cloud.tools.jib.api.LogEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Asks credential sources in order and takes the first credential found. */
public final class CredentialChain {
    private final List<CredentialSource> sources;

    public CredentialChain(List<CredentialSource> sources) {
        this.sources = List.copyOf(sources);
    }

    /**
     * The usual order: the goal's parameters, settings.xml, Docker's config.json ({@code $DOCKER_CONFIG}, then
     * {@code ~/.docker}), the containers auth.json ({@code $REGISTRY_AUTH_FILE}, then
     * {@code $XDG_RUNTIME_DIR/containers/auth.json}).
     *
     * @param given the username and password parameters
     * @param settings the settings.xml servers
     * @param environment the environment variables
     * @param home the user's home directory
     * @param log where jib's notes on config files go
     * @return the chain
     */
    public static CredentialChain standard(GivenCredentials given, SettingsServerCredentials settings,
                                           Map<String, String> environment, Path home, Consumer<LogEvent> log) {
        List<CredentialSource> sources = new ArrayList<>(List.of(given, settings));
        String dockerConfig = environment.get("DOCKER_CONFIG");
        Path dockerDirectory = dockerConfig != null && !dockerConfig.isEmpty() ? Path.of(dockerConfig) : home.resolve(".docker");
        sources.add(new DockerConfigCredentials("Docker config", dockerDirectory.resolve("config.json"), log));
        String authFile = environment.get("REGISTRY_AUTH_FILE");
        String runtimeDirectory = environment.get("XDG_RUNTIME_DIR");
        if (authFile != null && !authFile.isEmpty()) {
            sources.add(new DockerConfigCredentials("containers auth file", Path.of(authFile), log));
        } else if (runtimeDirectory != null && !runtimeDirectory.isEmpty()) {
            sources.add(new DockerConfigCredentials("containers auth file",
                    Path.of(runtimeDirectory, "containers", "auth.json"), log));
        }
        return new CredentialChain(sources);
    }

    /**
     * Finds the credential for a registry.
     *
     * @param registry the registry
     * @return what was found, where, and every place that was asked
     * @throws PushException when a source cannot be used
     */
    public Lookup find(RegistryAddress registry) throws PushException {
        List<String> tried = new ArrayList<>();
        for (CredentialSource source : sources) {
            String description = source.description(registry);
            tried.add(description);
            Optional<RegistryCredential> found = source.find(registry);
            if (found.isPresent()) {
                return new Lookup(found, description, tried);
            }
        }
        return new Lookup(Optional.empty(), "", tried);
    }

    /**
     * The result of a lookup.
     *
     * @param credential the credential, or empty when no source had one
     * @param source where it came from
     * @param tried every source asked, in order
     */
    public record Lookup(Optional<RegistryCredential> credential, String source, List<String> tried) {
        public Lookup {
            tried = List.copyOf(tried);
        }
    }
}
