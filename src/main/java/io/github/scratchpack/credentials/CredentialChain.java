package io.github.scratchpack.credentials;

import com.google.cloud.tools.jib.api.LogEvent;
import io.github.scratchpack.network.PushException;
import io.github.scratchpack.network.RegistryAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Asks credential sources in order and takes the first credential found. */
public final class CredentialChain {
    private static final String CONTAINERS_AUTH_FILE = "containers auth file";
    private final List<CredentialSource> sources;

    public CredentialChain(List<CredentialSource> sources) {
        this.sources = List.copyOf(sources);
    }

    /**
     * The usual order: the goal's parameters, settings.xml, then the files podman reads, in podman's order (as
     * containers/image's {@code pkg/docker/config} does):
     * <ol>
     *   <li>{@code $REGISTRY_AUTH_FILE}, or else the primary containers auth file,
     *       {@code $XDG_RUNTIME_DIR/containers/auth.json}, or {@code /run/containers/<uid>/auth.json} without
     *       {@code XDG_RUNTIME_DIR};</li>
     *   <li>{@code $XDG_CONFIG_HOME/containers/auth.json}, by default {@code ~/.config/containers/auth.json};</li>
     *   <li>Docker's config.json: {@code $DOCKER_CONFIG/config.json}, by default {@code ~/.docker/config.json};</li>
     *   <li>the legacy {@code ~/.dockercfg}.</li>
     * </ol>
     *
     * @param given the username and password parameters
     * @param settings the settings.xml servers
     * @param environment the environment variables
     * @param home the user's home directory
     * @param userRunDirectory {@code /run/containers/<uid>}, where the primary auth file is without
     *     {@code XDG_RUNTIME_DIR}
     * @param log where jib's notes on config files go
     * @return the chain
     */
    public static CredentialChain standard(GivenCredentials given, SettingsServerCredentials settings,
                                           Map<String, String> environment, Path home, Path userRunDirectory,
                                           Consumer<LogEvent> log) {
        List<CredentialSource> sources = new ArrayList<>(List.of(given, settings));
        String authFile = environment.get("REGISTRY_AUTH_FILE");
        String runtimeDirectory = environment.get("XDG_RUNTIME_DIR");
        Path primary = set(authFile) ? Path.of(authFile) : set(runtimeDirectory)
                ? Path.of(runtimeDirectory, "containers", "auth.json") : userRunDirectory.resolve("auth.json");
        sources.add(new DockerConfigCredentials(CONTAINERS_AUTH_FILE, primary, log));
        String configHome = environment.get("XDG_CONFIG_HOME");
        Path configDirectory = set(configHome) ? Path.of(configHome) : home.resolve(".config");
        sources.add(new DockerConfigCredentials(CONTAINERS_AUTH_FILE, configDirectory.resolve("containers/auth.json"),
                log));
        String dockerConfig = environment.get("DOCKER_CONFIG");
        Path dockerDirectory = set(dockerConfig) ? Path.of(dockerConfig) : home.resolve(".docker");
        sources.add(new DockerConfigCredentials("Docker config", dockerDirectory.resolve("config.json"), log));
        sources.add(DockerConfigCredentials.legacy("legacy Docker config", home.resolve(".dockercfg"), log));
        return new CredentialChain(sources);
    }

    /**
     * {@link #standard(GivenCredentials, SettingsServerCredentials, Map, Path, Path, Consumer)} for this process's
     * user, whose id names the directory under {@code /run/containers}.
     */
    public static CredentialChain standard(GivenCredentials given, SettingsServerCredentials settings,
                                           Map<String, String> environment, Path home, Consumer<LogEvent> log) {
        return standard(given, settings, environment, home, Path.of("/run/containers", userId()), log);
    }

    /** The process's user id, as the owner of {@code /proc/self}; {@code 0} where there is no {@code /proc}. */
    private static String userId() {
        try {
            return String.valueOf(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return "0";
        }
    }

    private static boolean set(String value) {
        return value != null && !value.isEmpty();
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
