package io.github.scratchpack.registry;

import io.github.scratchpack.image.ImageReference;

/**
 * The repository path the registry API uses for an image name: Docker Hub keeps one-part names under
 * {@code library/}.
 */
final class RepositoryName {
    private RepositoryName() {
    }

    /** The repository path: {@code library/app} for {@code app:1.0}, {@code acme/app} for {@code ghcr.io/acme/app}. */
    static String of(ImageReference reference) {
        boolean dockerHub = reference.effectiveRegistry().equals(ImageReference.DEFAULT_REGISTRY);
        return dockerHub && !reference.repository().contains("/") ? "library/" + reference.repository()
                : reference.repository();
    }
}
