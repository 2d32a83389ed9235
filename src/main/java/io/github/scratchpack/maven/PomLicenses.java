package io.github.scratchpack.maven;

import io.github.scratchpack.sbom.DeclaredLicense;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.maven.artifact.Artifact;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.SessionData;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactDescriptorException;
import org.eclipse.aether.resolution.ArtifactDescriptorPolicy;
import org.eclipse.aether.resolution.ArtifactDescriptorRequest;

/**
 * The licenses that the POMs of Maven artifacts declare, as Maven's effective model gives them: a POM that declares
 * none inherits its parent's, up the parent chain. POMs are read by the same artifact descriptor reader that resolved
 * the project's dependencies, through the project's remote repositories (its own and its parents'
 * {@code <repositories>}, those of settings.xml, with mirrors, proxies and offline mode applied), so that a parent POM
 * that only the project's repositories serve is found; the reader hands the licenses over as the descriptor
 * properties {@code license.<n>.name} and {@code license.<n>.url}. An artifact is read once per Maven session, whichever
 * project of a reactor asks first.
 */
final class PomLicenses {
    /** Of this class as loaded: two versions of the plugin in one build keep their own. */
    private static final String SESSION_KEY = PomLicenses.class.getName() + "@"
            + Integer.toHexString(System.identityHashCode(PomLicenses.class));
    private static final String REQUEST_CONTEXT = "scratchpack-sbom";

    /**
     * What an artifact's POM says of its licenses.
     *
     * @param licenses the licenses, in the POM's order; empty when it declares none or could not be read
     * @param unknownBecause why the POM could not be read; {@code null} when it was
     */
    record Found(List<DeclaredLicense> licenses, String unknownBecause) {
    }

    private final RepositorySystem system;
    private final RepositorySystemSession strictSession;
    private final List<RemoteRepository> repositories;
    private final Map<String, List<DeclaredLicense>> cache;

    /**
     * @param system the repository system
     * @param session the build's repository session
     * @param repositories the project's remote repositories, {@code MavenProject.getRemoteProjectRepositories()}
     */
    PomLicenses(RepositorySystem system, RepositorySystemSession session, List<RemoteRepository> repositories) {
        this.system = system;
        // Maven's own policy ignores a missing or broken POM silently (a dependency resolves without its own
        // dependencies); here the reason is wanted, for the warning. (resolver-util's SimpleArtifactDescriptorPolicy
        // is not exported to plugins, so the interface of resolver-api is implemented here.)
        this.strictSession = new DefaultRepositorySystemSession(session)
                .setArtifactDescriptorPolicy((any, request) -> ArtifactDescriptorPolicy.STRICT);
        this.repositories = List.copyOf(repositories);
        this.cache = sessionCache(session.getData());
    }

    /** Whether Maven is offline (<code>-o</code>), so that only POMs already in the local repository can be read. */
    boolean offline() {
        return strictSession.isOffline();
    }

    /** The licenses the artifact's POM declares, itself or through its parents. */
    Found of(Artifact artifact) {
        String key = artifact.getGroupId() + ":" + artifact.getArtifactId() + ":" + artifact.getVersion();
        List<DeclaredLicense> known = cache.get(key);
        if (known != null) {
            return new Found(known, null);
        }
        ArtifactDescriptorRequest request = new ArtifactDescriptorRequest(new DefaultArtifact(artifact.getGroupId(),
                artifact.getArtifactId(), "pom", artifact.getVersion()), repositories, REQUEST_CONTEXT);
        try {
            List<DeclaredLicense> licenses = licenses(system.readArtifactDescriptor(strictSession, request).getProperties());
            cache.put(key, licenses);
            return new Found(licenses, null);
        } catch (ArtifactDescriptorException e) {
            return new Found(List.of(), reason(e));
        }
    }

    /** The licenses in the descriptor properties that Maven's artifact descriptor reader sets from the effective model. */
    private static List<DeclaredLicense> licenses(Map<String, Object> properties) {
        List<DeclaredLicense> licenses = new ArrayList<>();
        Object count = properties.get("license.count");
        int n = count instanceof Number number ? number.intValue() : 0;
        for (int i = 0; i < n; i++) {
            String name = text(properties.get("license." + i + ".name"));
            String url = text(properties.get("license." + i + ".url"));
            if (name != null || url != null) {
                licenses.add(new DeclaredLicense(name, url));
            }
        }
        return List.copyOf(licenses);
    }

    private static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString().trim();
    }

    /** The messages down the cause chain, each once: the reader wraps "could not find" and the like a few times. */
    private static String reason(Throwable failure) {
        Set<String> messages = new LinkedHashSet<>();
        for (Throwable cause = failure; cause != null && messages.size() < 5; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && messages.stream().noneMatch(seen -> seen.contains(message))) {
                messages.add(message);
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return messages.isEmpty() ? failure.getClass().getName() : String.join(": ", messages);
    }

    /** The licenses found so far in this Maven session, shared by the projects of a (parallel) reactor. */
    @SuppressWarnings("unchecked")
    private static Map<String, List<DeclaredLicense>> sessionCache(SessionData data) {
        while (true) {
            Object cache = data.get(SESSION_KEY);
            if (cache != null) {
                return (Map<String, List<DeclaredLicense>>) cache;
            }
            data.set(SESSION_KEY, null, new ConcurrentHashMap<String, List<DeclaredLicense>>());
        }
    }
}
