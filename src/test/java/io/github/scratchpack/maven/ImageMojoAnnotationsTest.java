package io.github.scratchpack.maven;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.scratchpack.image.Sha256;
import io.github.scratchpack.sbom.DeclaredLicense;
import io.github.scratchpack.sbom.ExecutableContents;
import io.github.scratchpack.sbom.Library;
import io.github.scratchpack.testing.Git;
import io.github.scratchpack.testing.RecordingLog;
import io.github.scratchpack.testing.StaticBinaries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.maven.model.Scm;
import org.apache.maven.project.MavenProject;

/**
 * The manifest's {@code org.opencontainers.image.licenses} and {@code org.opencontainers.image.revision}, as the OCI
 * image spec defines them: "License(s) under which contained software is distributed as an SPDX License Expression"
 * and "Source control revision identifier for the packaged software".
 */
public class ImageMojoAnnotationsTest extends AbstractImageMojoTest {
    private static final String LICENSES = "org.opencontainers.image.licenses";
    private static final String REVISION = "org.opencontainers.image.revision";

    public void testLicensesAreAnSpdxExpressionOfTheApplicationAndTheLibrariesInItsExecutable() throws Exception {
        Path built = StaticBinaries.staticServer(Files.createDirectories(baseDirectory.resolve("target/native")), "svc");
        List<Library> libraries = List.of(
                library("jackson-core", new DeclaredLicense("The Apache Software License, Version 2.0", null)),
                library("slf4j-api", new DeclaredLicense("MIT", "https://opensource.org/license/mit")),
                library("jakarta.json-api", new DeclaredLicense("Eclipse Public License 2.0", null),
                        new DeclaredLicense("GNU General Public License, version 2 with the GNU Classpath Exception", null)),
                library("in-house", new DeclaredLicense("Example Corp Source Licence", "https://example.com/licence")));
        new ExecutableContents(Sha256.ofFile(built), "native-image 25.0.1 2025-10-21",
                new Library("test.scratchpack", "mojo-demo", "2.0.0", "jar", null, null,
                        List.of(new DeclaredLicense("MIT License", null)), List.of()),
                libraries).writeFor(built);
        ImageMojo mojo = configuredMojo();
        project(mojo).setContextValue(NativeImageMojo.EXECUTABLE_CONTEXT_KEY, built);
        RecordingLog log = new RecordingLog();
        mojo.setLog(log);
        mojo.execute();

        assertEquals("Apache-2.0 AND (EPL-2.0 OR GPL-2.0-with-classpath-exception) AND MIT",
                annotations().get(LICENSES).asText());
        String leftOut = "org.opencontainers.image.licenses leaves out \"Example Corp Source Licence\" of"
                + " example:in-house:1.0: it has no SPDX license identifier";
        assertTrue(log.lines.toString(), log.lines.stream().anyMatch(line -> line.contains(leftOut)));
    }

    public void testAnExecutableFromElsewhereGetsTheProjectsLicensesAsSpdxIdentifiers() throws Exception {
        StaticBinaries.staticServer(baseDirectory.resolve("target"), "mojo-demo");
        ImageMojo mojo = configuredMojo();
        project(mojo).getModel().getLicenses().get(0).setName("The MIT License");
        mojo.execute();
        assertEquals("MIT", annotations().get(LICENSES).asText());
    }

    public void testRevisionIsTheCommitOfTheGitCheckoutAndNeverTheScmTag() throws Exception {
        StaticBinaries.staticServer(baseDirectory.resolve("target"), "mojo-demo");
        committed();
        ImageMojo mojo = configuredMojo();
        tagged(project(mojo));
        mojo.execute();

        String revision = annotations().get(REVISION).asText();
        assertEquals(Git.head(baseDirectory), revision);
        assertTrue(revision, revision.matches("[0-9a-f]{40}"));
    }

    public void testOutsideAGitCheckoutThereIsNoRevision() throws Exception {
        StaticBinaries.staticServer(baseDirectory.resolve("target"), "mojo-demo");
        ImageMojo mojo = configuredMojo();
        tagged(project(mojo));
        mojo.execute();
        assertFalse(annotations().toString(), annotations().has(REVISION));
        assertEquals("https://example.com/scm/mojo-demo", annotations().get("org.opencontainers.image.source").asText());
    }

    public void testTheRevisionParameterWins() throws Exception {
        StaticBinaries.staticServer(baseDirectory.resolve("target"), "mojo-demo");
        committed();
        ImageMojo mojo = configuredMojo();
        setVariableValueToObject(mojo, "revision", "1f0e3dad99908345f7439f8ffabdffc4");
        mojo.execute();
        assertEquals("1f0e3dad99908345f7439f8ffabdffc4", annotations().get(REVISION).asText());
    }

    /** Makes the project's directory a git checkout with one commit. */
    private void committed() throws Exception {
        Git.run(baseDirectory, "init", "-q");
        Git.run(baseDirectory, "add", "pom.xml");
        Git.run(baseDirectory, "commit", "-q", "-m", "first");
    }

    private static Library library(String artifactId, DeclaredLicense... licenses) {
        return new Library("example", artifactId, "1.0", "jar", null, "sha256:" + "a".repeat(64), List.of(licenses),
                List.of());
    }

    private MavenProject project(ImageMojo mojo) throws Exception {
        return (MavenProject) getVariableValueFromObject(mojo, "project");
    }

    /** Gives the project an SCM whose tag is a release tag, as the release plugin leaves it. */
    private static void tagged(MavenProject project) {
        Scm scm = new Scm();
        scm.setUrl("https://example.com/scm/mojo-demo");
        scm.setTag("v2.0.0");
        project.getModel().setScm(scm);
    }

    /** The annotations of the manifest in the tarball that image.json names. */
    private JsonNode annotations() throws Exception {
        ObjectMapper json = new ObjectMapper();
        String digest = json.readTree(baseDirectory.resolve("target/scratchpack/image.json").toFile()).get("digest")
                .asText();
        try (TarArchiveInputStream in = new TarArchiveInputStream(
                Files.newInputStream(baseDirectory.resolve("target/scratchpack/image.tar")))) {
            for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (entry.getName().equals("blobs/sha256/" + digest.substring("sha256:".length()))) {
                    return json.readTree(in.readAllBytes()).get("annotations");
                }
            }
        }
        throw new AssertionError("no manifest " + digest + " in the tarball");
    }
}
