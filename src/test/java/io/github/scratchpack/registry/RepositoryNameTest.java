package io.github.scratchpack.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.scratchpack.image.ImageReference;
import org.junit.jupiter.api.Test;

class RepositoryNameTest {
    @Test
    void dockerHubKeepsOnePartNamesUnderLibrary() {
        assertEquals("library/app", RegistryPush.repository(ImageReference.parse("app:1.0")));
        assertEquals("library/app", RegistryPush.repository(ImageReference.parse("docker.io/app:1.0")));
        assertEquals("acme/app", RegistryPush.repository(ImageReference.parse("acme/app:1.0")));
        assertEquals("app", RegistryPush.repository(ImageReference.parse("127.0.0.1:5000/app:1.0")));
        assertEquals("acme/app", RegistryPush.repository(ImageReference.parse("ghcr.io/acme/app:1.0")));
    }
}
