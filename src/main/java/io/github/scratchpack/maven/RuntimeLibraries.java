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
import org.apache.maven.artifact.Artifact;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.License;
import org.apache.maven.model.building.ModelBuildingRequest;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.DefaultProjectBuildingRequest;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.ProjectBuilder;
import org.apache.maven.project.ProjectBuildingException;
import org.apache.maven.project.ProjectBuildingRequest;

/**
 * The project's runtime dependencies, the artifacts that go onto native-image's class path, and the record of
 * what went into an executable built from them: coordinates, digests, the licenses their POMs declare and who
 * depends on whom.
 */
final class RuntimeLibraries {
    private final MavenProject project;
    private final MavenSession session;
    private final ProjectBuilder projectBuilder;
    private final Log log;

    RuntimeLibraries(MavenProject project, MavenSession session, ProjectBuilder projectBuilder, Log log) {
        this.project = project;
        this.session = session;
        this.projectBuilder = projectBuilder;
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
     * @return the record
     * @throws IOException when a dependency cannot be read
     */
    ExecutableContents contents(String digest, String builder, Path jar) throws IOException {
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
            Path file = artifact.getFile().toPath();
            libraries.add(new Library(artifact.getGroupId(), artifact.getArtifactId(), artifact.getVersion(),
                    artifact.getType(), artifact.getClassifier(), Files.isRegularFile(file) ? Sha256.ofFile(file) : null,
                    licenses(artifact), children.get(artifact.getId())));
        }
        Library application = new Library(project.getGroupId(), project.getArtifactId(), project.getVersion(), "jar",
                null, jar == null ? null : Sha256.ofFile(jar), declared(project.getLicenses()), children.get(root));
        return new ExecutableContents(digest, builder, application, libraries);
    }

    private static String purl(Artifact artifact) {
        return PackageUrls.maven(artifact.getGroupId(), artifact.getArtifactId(), artifact.getVersion(), artifact.getType(),
                artifact.getClassifier());
    }

    /** The licenses the artifact's POM declares, itself or through its parents; none when it cannot be read. */
    private List<DeclaredLicense> licenses(Artifact artifact) {
        ProjectBuildingRequest request = new DefaultProjectBuildingRequest(session.getProjectBuildingRequest());
        request.setProject(null);
        request.setProcessPlugins(false);
        request.setResolveDependencies(false);
        request.setValidationLevel(ModelBuildingRequest.VALIDATION_LEVEL_MINIMAL);
        try {
            return declared(projectBuilder.build(artifact, true, request).getProject().getLicenses());
        } catch (ProjectBuildingException e) {
            log.debug("The licenses of " + artifact.getId() + " are unknown: its POM could not be read (" + e.getMessage() + ")");
            return List.of();
        }
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
