package io.github.scratchpack.maven;

import io.github.scratchpack.image.Sha256;
import io.github.scratchpack.sbom.DeclaredLicense;
import io.github.scratchpack.sbom.ExecutableContents;
import io.github.scratchpack.sbom.Library;
import io.github.scratchpack.sbom.PackageUrls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.model.License;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;

/**
 * The project's runtime dependencies, the artifacts that go onto native-image's class path, and the record of
 * what went into an executable built from them: coordinates, digests, the licenses their POMs declare (see
 * {@link PomLicenses}) and who depends on whom.
 */
final class RuntimeLibraries {
    private final MavenProject project;
    private final PomLicenses pomLicenses;
    private final Log log;

    RuntimeLibraries(MavenProject project, PomLicenses pomLicenses, Log log) {
        this.project = project;
        this.pomLicenses = pomLicenses;
        this.log = log;
    }

    /**
     * The resolved dependencies that belong on the runtime class path: not test, provided or system scoped, and of a
     * type that goes onto a class path.
     */
    static List<Artifact> of(MavenProject project) {
        List<Artifact> artifacts = new ArrayList<>();
        for (Artifact artifact : project.getArtifacts()) {
            if (artifact.getArtifactHandler().isAddedToClasspath() && !Artifact.SCOPE_TEST.equals(artifact.getScope())
                    && !Artifact.SCOPE_PROVIDED.equals(artifact.getScope())
                    && !Artifact.SCOPE_SYSTEM.equals(artifact.getScope())) {
                artifacts.add(artifact);
            }
        }
        return artifacts;
    }

    /**
     * What went into an executable built from the project's classes (its jar, when there is one) and its runtime
     * dependencies.
     *
     * @param digest the {@code sha256:<hex>} digest of the executable native-image wrote
     * @param builder native-image's version line
     * @param jar the project's jar, or {@code null} when its classes directory was used
     * @param unchanged the record written when the executable was built, when native-image found it up to date: its
     *                  class path, so each library's jar, is the one recorded, and a library recorded there keeps its
     *                  digest and licenses without its jar hashed or its POM read again; empty otherwise
     * @return the record
     * @throws IOException when a dependency cannot be read
     */
    ExecutableContents contents(String digest, String builder, Path jar, Optional<ExecutableContents> unchanged)
            throws IOException {
        Map<String, Library> recorded = new HashMap<>();
        unchanged.ifPresent(record -> record.libraries().forEach(library -> recorded.put(library.purl(), library)));
        String root = project.getArtifact().getId();
        Map<String, String> purls = new HashMap<>();
        List<Artifact> artifacts = new ArrayList<>();
        for (Artifact artifact : of(project)) {
            if (artifact.getFile() != null && Files.exists(artifact.getFile().toPath())) {
                artifacts.add(artifact);
                purls.put(artifact.getId(), purl(artifact));
            }
        }
        Map<String, List<String>> children = new HashMap<>();
        for (Artifact artifact : artifacts) {
            List<String> trail = artifact.getDependencyTrail();
            String parent = trail == null || trail.size() < 2 ? root : trail.get(trail.size() - 2);
            String parentKey = purls.containsKey(parent) ? parent : root;
            children.computeIfAbsent(parentKey, key -> new ArrayList<>()).add(purls.get(artifact.getId()));
        }
        List<Library> libraries = new ArrayList<>();
        for (Artifact artifact : artifacts) {
            Library before = recorded.get(purls.get(artifact.getId()));
            Path file = artifact.getFile().toPath();
            String fileDigest = before != null ? before.digest() : Files.isRegularFile(file) ? Sha256.ofFile(file) : null;
            // a lookup that failed is tried again, unless Maven is offline: then no POM is read at all
            boolean reuse = before != null && (before.licensesUnknown() == null || pomLicenses.offline());
            PomLicenses.Found found = reuse ? new PomLicenses.Found(before.licenses(), before.licensesUnknown())
                    : pomLicenses.of(artifact);
            if (found.unknownBecause() != null) {
                log.warn("The SBOM lists " + artifact.getId() + " without its licenses: its POM could not be read"
                        + (reuse ? " when the executable was built" : "") + " (" + found.unknownBecause()
                        + "). Check that the project's <repositories> serve the POM and its parents.");
            }
            libraries.add(new Library(artifact.getGroupId(), artifact.getArtifactId(), artifact.getVersion(),
                    artifact.getType(), artifact.getClassifier(), fileDigest, found.licenses(), found.unknownBecause(),
                    children.get(artifact.getId())));
        }
        Library application = new Library(project.getGroupId(), project.getArtifactId(), project.getVersion(), "jar",
                null, jar == null ? null : Sha256.ofFile(jar), declared(project.getLicenses()), children.get(root));
        return new ExecutableContents(digest, builder, application, libraries);
    }

    private static String purl(Artifact artifact) {
        return PackageUrls.maven(artifact.getGroupId(), artifact.getArtifactId(), artifact.getVersion(), artifact.getType(),
                artifact.getClassifier());
    }

    private static List<DeclaredLicense> declared(List<License> licenses) {
        List<DeclaredLicense> declared = new ArrayList<>();
        for (License license : licenses) {
            String name = blankToNull(license.getName());
            String url = blankToNull(license.getUrl());
            if (name != null || url != null) {
                declared.add(new DeclaredLicense(name, url));
            }
        }
        return declared;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
