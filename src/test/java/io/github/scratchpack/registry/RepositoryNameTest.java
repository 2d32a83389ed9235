package io.github.scratchpack.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.scratchpack.image.ImageReference;
import io.github.scratchpack.network.PushException;
import org.junit.jupiter.api.Test;

class RepositoryNameTest {
    @Test
    void dockerHubKeepsOnePartNamesUnderLibrary() {
        assertEquals("library/app", RepositoryName.of(ImageReference.parse("app:1.0")));
        assertEquals("library/app", RepositoryName.of(ImageReference.parse("docker.io/app:1.0")));
        assertEquals("acme/app", RepositoryName.of(ImageReference.parse("acme/app:1.0")));
        assertEquals("app", RepositoryName.of(ImageReference.parse("127.0.0.1:5000/app:1.0")));
        assertEquals("acme/app", RepositoryName.of(ImageReference.parse("ghcr.io/acme/app:1.0")));
    }

    @Test
    void theMountSourceIsReadAsAnImageNameOnTheTargetsRegistry() throws PushException {
        ImageReference hub = ImageReference.parse("acme/app:1.0");
        assertEquals("library/base", MountSource.repository("base", hub));
        assertEquals("library/base", MountSource.repository("docker.io/base", hub));
        assertEquals("acme/base", MountSource.repository("index.docker.io/acme/base", hub));
        ImageReference local = ImageReference.parse("127.0.0.1:5000/demo/app:1.0");
        assertEquals("base", MountSource.repository("base", local));
        assertEquals("acme/base", MountSource.repository(" 127.0.0.1:5000/acme/base ", local));
    }

    @Test
    void aMountSourceWithATagOnAnotherRegistryOrMalformedIsRefused() {
        ImageReference local = ImageReference.parse("127.0.0.1:5000/demo/app:1.0");
        assertEquals("The repository to mount blobs from, scratchpack.mountFrom 'ghcr.io/acme/base', cannot be used: it is"
                + " on the registry ghcr.io, but the image goes to 127.0.0.1:5000, and a registry mounts only blobs it"
                + " holds; name a repository of 127.0.0.1:5000.", assertThrows(PushException.class,
                () -> MountSource.repository("ghcr.io/acme/base", local)).getMessage());
        assertEquals("The repository to mount blobs from, scratchpack.mountFrom 'acme/base:1.0', cannot be used: it has a"
                + " tag; blobs are mounted from a repository, so give acme/base without :tag.", assertThrows(
                PushException.class, () -> MountSource.repository("acme/base:1.0", local)).getMessage());
        assertEquals("The repository to mount blobs from, scratchpack.mountFrom 'Acme/Base', cannot be used: it is not a"
                + " repository name such as acme/base.", assertThrows(PushException.class,
                () -> MountSource.repository("Acme/Base", local)).getMessage());
    }
}
