package io.github.scratchpack.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scratchpack.sbom.DeclaredLicense;
import io.github.scratchpack.sbom.ExecutableContents;
import io.github.scratchpack.sbom.Library;
import io.github.scratchpack.testing.RecordingLog;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.apache.maven.model.Model;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactDescriptorException;
import org.eclipse.aether.resolution.ArtifactDescriptorPolicy;
import org.eclipse.aether.resolution.ArtifactDescriptorRequest;
import org.eclipse.aether.resolution.ArtifactDescriptorResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which POMs the record of an executable reads for its libraries' licenses: through which repositories, how often in
 * one Maven session, and none when the executable is up to date. The POMs are answered by a stand-in for Maven's
 * artifact descriptor reader that records every request (it/sbom-licenses reads real POMs through real Maven).
 */
class RuntimeLibrariesTest {
    private static final RemoteRepository PROJECT_REPOSITORY = new RemoteRepository.Builder("it-licenses", "default",
            "file:///srv/licenses").build();
    private static final DeclaredLicense APACHE = new DeclaredLicense("Apache-2.0", "https://www.apache.org/licenses/LICENSE-2.0");

    @TempDir
    Path directory;
    private final DefaultRepositorySystemSession session = new DefaultRepositorySystemSession();
    private final List<ArtifactDescriptorRequest> requests = new ArrayList<>();
    /** The descriptor reader's answers: licenses by {@code groupId:artifactId:version}; absent ones are not found. */
    private final Map<String, List<DeclaredLicense>> poms = Map.of("org.example:lang:1.0", List.of(APACHE),
            "org.example:io:2.0", List.of(new DeclaredLicense("MIT", null)));

    @Test
    void eachPomIsReadOnceInASessionThroughTheProjectsRepositories() throws Exception {
        ExecutableContents first = libraries(project("alpha", "lang:1.0", "io:2.0"))
                .contents("sha256:" + "1".repeat(64), "native-image 25", null, Optional.empty());
        ExecutableContents second = libraries(project("beta", "lang:1.0"))
                .contents("sha256:" + "2".repeat(64), "native-image 25", null, Optional.empty());

        assertEquals(List.of("org.example:lang:pom:1.0", "org.example:io:pom:2.0"),
                requests.stream().map(request -> request.getArtifact().toString()).toList());
        requests.forEach(request -> assertEquals(List.of(PROJECT_REPOSITORY), request.getRepositories()));
        assertEquals(List.of(APACHE), library(first, "lang").licenses());
        assertEquals(List.of(new DeclaredLicense("MIT", null)), library(first, "io").licenses());
        assertEquals(List.of(APACHE), library(second, "lang").licenses());
        assertNull(library(second, "lang").licensesUnknown());
    }

    @Test
    void aPomThatCannotBeReadIsAWarningAndItsLibraryStaysWithoutLicenses() throws Exception {
        RecordingLog log = new RecordingLog();
        ExecutableContents contents = new RuntimeLibraries(project("alpha", "lang:1.0", "gone:3.0"),
                new PomLicenses(standInRepositorySystem(), session, List.of(PROJECT_REPOSITORY)), log)
                .contents("sha256:" + "1".repeat(64), "native-image 25", null, Optional.empty());

        Library gone = library(contents, "gone");
        assertEquals(List.of(), gone.licenses());
        assertTrue(gone.licensesUnknown().contains("Could not find artifact org.example:gone:pom:3.0 in it-licenses"),
                gone.licensesUnknown());
        assertEquals(List.of("[WARNING] The SBOM lists org.example:gone:jar:3.0 without its licenses: its POM could not"
                + " be read (" + gone.licensesUnknown() + "). Check that the project's <repositories> serve the POM and"
                + " its parents."), log.lines.stream().filter(line -> line.startsWith("[WARNING]")).toList());
    }

    @Test
    void anUpToDateExecutableReadsNoPomAndHashesNoJarOfARecordedLibrary() throws Exception {
        MavenProject project = project("alpha", "lang:1.0", "gone:3.0");
        ExecutableContents built = libraries(project).contents("sha256:" + "1".repeat(64), "native-image 25", null,
                Optional.empty());
        requests.clear();
        Files.writeString(project.getArtifacts().iterator().next().getFile().toPath(), "changed after the record");

        session.setOffline(true);
        ExecutableContents offline = libraries(project).contents(built.executableDigest(), "native-image 25", null,
                Optional.of(built));
        assertEquals(List.of(), requests, "offline: not even the POM that could not be read is tried again");
        assertEquals(built.libraries(), offline.libraries());

        session.setOffline(false);
        libraries(project).contents(built.executableDigest(), "native-image 25", null, Optional.of(built));
        assertEquals(List.of("org.example:gone:pom:3.0"),
                requests.stream().map(request -> request.getArtifact().toString()).toList(),
                "online, only the POM that could not be read is tried again");
    }

    private RuntimeLibraries libraries(MavenProject project) {
        return new RuntimeLibraries(project, new PomLicenses(standInRepositorySystem(), session, List.of(PROJECT_REPOSITORY)),
                new RecordingLog());
    }

    private static Library library(ExecutableContents contents, String artifactId) {
        return contents.libraries().stream().filter(library -> library.artifactId().equals(artifactId)).findFirst()
                .orElseThrow();
    }

    /** A project whose runtime dependencies are {@code org.example:<artifactId:version>} jars, each a file here. */
    private MavenProject project(String name, String... dependencies) throws Exception {
        Model model = new Model();
        model.setGroupId("org.example");
        model.setArtifactId(name);
        model.setVersion("1.0");
        MavenProject project = new MavenProject(model);
        project.setArtifact(artifact(name, "1.0"));
        Set<Artifact> artifacts = new LinkedHashSet<>();
        for (String dependency : dependencies) {
            String[] parts = dependency.split(":");
            Artifact artifact = artifact(parts[0], parts[1]);
            Path jar = directory.resolve(parts[0] + "-" + parts[1] + ".jar");
            if (!Files.exists(jar)) {
                Files.writeString(jar, dependency);
            }
            artifact.setFile(jar.toFile());
            artifact.setDependencyTrail(List.of(project.getArtifact().getId(), artifact.getId()));
            artifacts.add(artifact);
        }
        project.setArtifacts(artifacts);
        return project;
    }

    private static Artifact artifact(String artifactId, String version) {
        DefaultArtifactHandler handler = new DefaultArtifactHandler("jar");
        handler.setAddedToClasspath(true);
        return new DefaultArtifact("org.example", artifactId, version, Artifact.SCOPE_RUNTIME, "jar", null, handler);
    }

    /**
     * A stand-in for Maven's repository system that reads artifact descriptors from {@link #poms}, with licenses as
     * the descriptor properties Maven's reader sets, and fails as Maven's does, with a strict policy, for a POM it has
     * not.
     */
    private RepositorySystem standInRepositorySystem() {
        return (RepositorySystem) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RepositorySystem.class}, (proxy, method, arguments) -> {
                    if (!method.getName().equals("readArtifactDescriptor")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    DefaultRepositorySystemSession used = (DefaultRepositorySystemSession) arguments[0];
                    ArtifactDescriptorRequest request = (ArtifactDescriptorRequest) arguments[1];
                    assertEquals(ArtifactDescriptorPolicy.STRICT,
                            used.getArtifactDescriptorPolicy().getPolicy(used, null));
                    requests.add(request);
                    org.eclipse.aether.artifact.Artifact pom = request.getArtifact();
                    List<DeclaredLicense> licenses = poms.get(pom.getGroupId() + ":" + pom.getArtifactId() + ":"
                            + pom.getVersion());
                    ArtifactDescriptorResult result = new ArtifactDescriptorResult(request);
                    if (licenses == null) {
                        result.addException(new IllegalStateException("Could not find artifact " + pom + " in "
                                + PROJECT_REPOSITORY));
                        throw new ArtifactDescriptorException(result);
                    }
                    Map<String, Object> properties = new java.util.HashMap<>();
                    properties.put("license.count", licenses.size());
                    for (int i = 0; i < licenses.size(); i++) {
                        properties.put("license." + i + ".name", licenses.get(i).name());
                        properties.put("license." + i + ".url", licenses.get(i).url());
                    }
                    result.setProperties(properties);
                    return result;
                });
    }
}
