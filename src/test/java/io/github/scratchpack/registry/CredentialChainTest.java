package io.github.scratchpack.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
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
                environment, dir.resolve("home"), event -> { });
    }

    @Test
    void sourcesAreAskedInOrderAndTheFirstCredentialWins() throws Exception {
        authFile("docker/config.json", "docker-user", "d");
        authFile("auth.json", "podman-user", "p");
        Map<String, String> environment = Map.of("DOCKER_CONFIG", dir.resolve("docker").toString(),
                "REGISTRY_AUTH_FILE", dir.resolve("auth.json").toString());
        Map<String, RegistryCredential> servers = Map.of("registry.example", new RegistryCredential("maven-user", "m"));

        assertEquals("param-user", chain(new GivenCredentials("param-user", "x"), servers, environment)
                .find(REGISTRY).credential().orElseThrow().username());
        assertEquals("maven-user", chain(new GivenCredentials(null, null), servers, environment)
                .find(REGISTRY).credential().orElseThrow().username());
        CredentialChain.Lookup docker = chain(new GivenCredentials(null, null), Map.of(), environment).find(REGISTRY);
        assertEquals("docker-user", docker.credential().orElseThrow().username());
        assertEquals("Docker config " + dir.resolve("docker/config.json"), docker.source());
        Files.delete(dir.resolve("docker/config.json"));
        CredentialChain.Lookup podman = chain(new GivenCredentials(null, null), Map.of(), environment).find(REGISTRY);
        assertEquals("podman-user", podman.credential().orElseThrow().username());
        assertEquals(4, podman.tried().size());
    }

    @Test
    void theContainersAuthFileDefaultsToTheRuntimeDirectory() throws Exception {
        authFile("run/containers/auth.json", "runtime-user", "r");
        CredentialChain.Lookup lookup = chain(new GivenCredentials(null, null), Map.of(),
                Map.of("XDG_RUNTIME_DIR", dir.resolve("run").toString())).find(REGISTRY);
        assertEquals("runtime-user", lookup.credential().orElseThrow().username());
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
