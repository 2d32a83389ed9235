package io.github.scratchpack.registry;

import io.github.scratchpack.image.ImageReference;
import io.github.scratchpack.network.PushException;
import java.util.Set;

/**
 * The repository that blobs are mounted from, read as an image name is, on the registry pushed to: {@code base}
 * means {@code library/base} when that is Docker Hub, and a registry in front, such as {@code ghcr.io/acme/base},
 * must be the registry pushed to, since a registry can only mount what it holds itself.
 */
final class MountSource {
    private static final Set<String> DOCKER_HUB = Set.of("docker.io", "index.docker.io", "registry-1.docker.io");

    private MountSource() {
    }

    /**
     * The repository path the registry API uses for the mount source.
     *
     * @param mountFrom the repository as written, such as {@code acme/base} or {@code ghcr.io/acme/base}
     * @param target where the image is pushed
     * @return the repository path, such as {@code library/base}
     * @throws PushException when it is not a repository name, or names another registry
     */
    static String repository(String mountFrom, ImageReference target) throws PushException {
        String text = mountFrom.strip();
        ImageReference source;
        try {
            source = ImageReference.parse(text);
        } catch (IllegalArgumentException e) {
            throw invalid(text, "it is not a repository name such as acme/base");
        }
        if (!source.name().equals(text)) {
            throw invalid(text, "it has a tag; blobs are mounted from a repository, so give acme/base without :tag");
        }
        if (source.registry() == null) {
            return RepositoryName.of(new ImageReference(target.registry(), source.repository(), source.tag()));
        }
        if (!sameRegistry(source.effectiveRegistry(), target.effectiveRegistry())) {
            throw invalid(text, "it is on the registry " + source.effectiveRegistry() + ", but the image goes to "
                    + target.effectiveRegistry() + ", and a registry mounts only blobs it holds; name a repository of "
                    + target.effectiveRegistry());
        }
        return RepositoryName.of(source);
    }

    private static boolean sameRegistry(String a, String b) {
        return a.equals(b) || DOCKER_HUB.contains(a) && DOCKER_HUB.contains(b);
    }

    private static PushException invalid(String text, String why) {
        return new PushException("The repository to mount blobs from, scratchpack.mountFrom '" + text + "', cannot be"
                + " used: " + why + ".");
    }
}
