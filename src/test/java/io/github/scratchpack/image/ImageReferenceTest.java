package io.github.scratchpack.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageReferenceTest {
    @Test
    void equalsAndHashCodeFollowRegistryRepositoryAndTag() {
        ImageReference reference = ImageReference.parse("ghcr.io/acme/app:1.0");
        assertEquals(reference, ImageReference.parse("ghcr.io/acme/app:1.0"));
        assertEquals(reference.hashCode(), ImageReference.parse("ghcr.io/acme/app:1.0").hashCode());
        assertEquals(java.util.Set.of(reference), new java.util.HashSet<>(java.util.List.of(reference,
                ImageReference.parse("ghcr.io/acme/app:1.0"))));
        for (String other : new String[] {"ghcr.io/acme/app:1.1", "ghcr.io/acme/other:1.0", "quay.io/acme/app:1.0",
                "acme/app:1.0"}) {
            assertTrue(!reference.equals(ImageReference.parse(other)), other);
        }
        assertTrue(!ImageReference.parse("app:1").equals(ImageReference.parse("docker.io/app:1")),
                "a registry written out is kept apart from none");
    }

    @Test
    void parsesShortName() {
        ImageReference reference = ImageReference.parse("app:1.0");
        assertNull(reference.registry());
        assertEquals("app", reference.repository());
        assertEquals("1.0", reference.tag());
        assertEquals("docker.io/library/app:1.0", reference.fullyQualified());
    }

    @Test
    void parsesRegistryWithPort() {
        ImageReference reference = ImageReference.parse("127.0.0.1:5000/demo/app:1.0-SNAPSHOT");
        assertEquals("127.0.0.1:5000", reference.registry());
        assertEquals("demo/app", reference.repository());
        assertEquals("1.0-SNAPSHOT", reference.tag());
        assertEquals("127.0.0.1:5000/demo/app:1.0-SNAPSHOT", reference.fullyQualified());
    }

    @Test
    void defaultsTagToLatestAndKeepsNamespace() {
        ImageReference reference = ImageReference.parse("ghcr.io/acme/app");
        assertEquals("latest", reference.tag());
        assertEquals("ghcr.io/acme/app:latest", reference.toString());
        assertEquals("docker.io/acme/app:latest", ImageReference.parse("acme/app").fullyQualified());
        assertEquals("localhost", ImageReference.parse("localhost/app:1").registry());
    }

    @Test
    void withTagKeepsRepository() {
        assertEquals("ghcr.io/acme/app:latest", ImageReference.parse("ghcr.io/acme/app:1.0").withTag("latest").toString());
    }

    @Test
    void upperCaseRepositorySuggestsLowerCase() {
        String message = assertThrows(IllegalArgumentException.class, () -> ImageReference.parse("Acme/App:1")).getMessage();
        assertTrue(message.contains("upper-case") && message.contains("write 'acme/app'"), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "app:", "app:-bad", "app:.bad", "app:bad tag", "/app", "app//x", "app_:1",
            "app@sha256:abc", "bad host!/app:1", "app:" + "t12345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678"})
    void refusesMalformed(String text) {
        String message = assertThrows(IllegalArgumentException.class, () -> ImageReference.parse(text)).getMessage();
        assertTrue(message.startsWith("The image reference"), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost:99999/x:1", "localhost:0/x:1", "registry.example:65536/x", "127.0.0.1:00000/x:1"})
    void refusesRegistryPortOutOfRange(String text) {
        String message = assertThrows(IllegalArgumentException.class, () -> ImageReference.parse(text)).getMessage();
        assertTrue(message.contains("is out of range; ports are 1 to 65535"), message);
    }

    @Test
    void acceptsRegistryPortsAtTheEdges() {
        assertEquals("localhost:1", ImageReference.parse("localhost:1/x:1").registry());
        assertEquals("localhost:65535", ImageReference.parse("localhost:65535/x:1").registry());
    }

    @Test
    void refusesTooLongName() {
        String name = "a".repeat(200) + "/" + "b".repeat(60);
        String message = assertThrows(IllegalArgumentException.class, () -> ImageReference.parse(name + ":1")).getMessage();
        assertTrue(message.contains("the limit is 255"), message);
    }
}
