package io.github.scratchpack.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scratchpack.network.PushException;
import io.github.scratchpack.network.RegistryAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialChainTest {
    private static final RegistryAddress REGISTRY = RegistryAddress.parse("registry.example:5000");

    @TempDir
    Path dir;

    private Path authFile(String name, String user, String password) throws Exception {
        String auth = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, "{\"auths\":{\"" + REGISTRY + "\":{\"auth\":\"" + auth + "\"}}}");
    }

    private CredentialChain chain(GivenCredentials given, Map<String, RegistryCredential> servers,
                                  Map<String, String> environment) {
        return CredentialChain.standard(given, new SettingsServerCredentials(id -> Optional.ofNullable(servers.get(id))),
                environment, dir.resolve("home"), dir.resolve("run/containers/0"), event -> { });
    }

    private String found(Map<String, String> environment) throws Exception {
        CredentialChain.Lookup lookup = chain(new GivenCredentials(null, null), Map.of(), environment).find(REGISTRY);
        return lookup.credential().map(RegistryCredential::username).orElse("none") + " from " + lookup.source();
    }

    @Test
    void parametersThenSettingsComeBeforeEveryFile() throws Exception {
        authFile("home/.docker/config.json", "docker-user", "d");
        Map<String, RegistryCredential> servers = Map.of("registry.example", new RegistryCredential("maven-user", "m"));
        assertEquals("param-user", chain(new GivenCredentials("param-user", "x"), servers, Map.of())
                .find(REGISTRY).credential().orElseThrow().username());
        assertEquals("maven-user", chain(new GivenCredentials(null, null), servers, Map.of())
                .find(REGISTRY).credential().orElseThrow().username());
    }

    /** Each file holds another user; removing the winner's file each time shows podman's order, file by file. */
    @Test
    void filesAreReadInPodmansOrder() throws Exception {
        Path authFile = authFile("REGISTRY_AUTH_FILE.json", "auth-file-user", "a");
        Path runtime = authFile("xdg-run/containers/auth.json", "runtime-user", "r");
        Path configHome = authFile("xdg-config/containers/auth.json", "config-home-user", "c");
        Path docker = authFile("docker-config/config.json", "docker-user", "d");
        Path legacy = legacyFile("home/.dockercfg", "dockercfg-user", "l");
        Map<String, String> environment = Map.of("REGISTRY_AUTH_FILE", authFile.toString(),
                "XDG_RUNTIME_DIR", dir.resolve("xdg-run").toString(), "XDG_CONFIG_HOME", dir.resolve("xdg-config").toString(),
                "DOCKER_CONFIG", dir.resolve("docker-config").toString());

        assertEquals("auth-file-user from containers auth file " + authFile, found(environment));
        Files.delete(authFile);
        assertEquals("config-home-user from containers auth file " + configHome, found(environment),
                "REGISTRY_AUTH_FILE replaces the primary file in the runtime directory");
        Map<String, String> withoutOverride = new HashMap<>(environment);
        withoutOverride.remove("REGISTRY_AUTH_FILE");
        assertEquals("runtime-user from containers auth file " + runtime, found(withoutOverride));
        Files.delete(runtime);
        assertEquals("config-home-user from containers auth file " + configHome, found(withoutOverride));
        Files.delete(configHome);
        assertEquals("docker-user from Docker config " + docker, found(withoutOverride));
        Files.delete(docker);
        CredentialChain.Lookup last = chain(new GivenCredentials(null, null), Map.of(), withoutOverride).find(REGISTRY);
        assertEquals("dockercfg-user", last.credential().orElseThrow().username());
        assertEquals("legacy Docker config " + legacy, last.source());
        assertEquals(6, last.tried().size());
    }

    @Test
    void withoutVariablesTheFilesAreInTheUsersRunDirectoryAndHome() throws Exception {
        Path run = authFile("run/containers/0/auth.json", "root-run-user", "r");
        Path config = authFile("home/.config/containers/auth.json", "config-user", "c");
        Path docker = authFile("home/.docker/config.json", "docker-user", "d");
        assertEquals("root-run-user from containers auth file " + run, found(Map.of()));
        Files.delete(run);
        assertEquals("config-user from containers auth file " + config, found(Map.of()));
        Files.delete(config);
        assertEquals("docker-user from Docker config " + docker, found(Map.of()));
    }

    @Test
    void theLegacyDockercfgMayNotHaveAnAuthsSection() throws Exception {
        Files.createDirectories(dir.resolve("home"));
        Files.writeString(dir.resolve("home/.dockercfg"), "{\"auths\":{\"" + REGISTRY + "\":{\"auth\":\"eDp5\"}}}");
        assertEquals("none from ", found(Map.of()), "in .dockercfg, auths would be a registry's name");
        Files.writeString(dir.resolve("home/.dockercfg"), "[]");
        PushException failure = assertThrows(PushException.class, () -> found(Map.of()));
        assertTrue(failure.getMessage().startsWith("Cannot read the legacy Docker config " + dir.resolve("home/.dockercfg")
                + ": it is not a JSON object."), failure.getMessage());
    }

    private Path legacyFile(String name, String user, String password) throws Exception {
        String auth = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, "{\"https://" + REGISTRY + "\":{\"auth\":\"" + auth + "\",\"email\":\"\"}}");
    }

    @Test
    void aServerIdWithThePortWinsOverTheBareHost() throws Exception {
        Map<String, RegistryCredential> servers = Map.of("registry.example", new RegistryCredential("host", "h"),
                "registry.example:5000", new RegistryCredential("host-and-port", "hp"));
        assertEquals("host-and-port", chain(new GivenCredentials(null, null), servers, Map.of())
                .find(REGISTRY).credential().orElseThrow().username());
    }

    @Test
    void aUsernameWithoutPasswordIsAMistake() {
        PushException failure = assertThrows(PushException.class,
                () -> chain(new GivenCredentials("only-user", null), Map.of(), Map.of()).find(REGISTRY));
        assertTrue(failure.getMessage().startsWith("Only one of scratchpack.username and scratchpack.password is set"));
    }

    @Test
    void aCredentialNeverPrintsItsPassword() {
        assertFalse(new RegistryCredential("user", "hunter2").toString().contains("hunter2"));
    }
}
