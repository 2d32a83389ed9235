package io.github.scratchpack.maven;

import java.io.File;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.apache.maven.model.Model;
import org.apache.maven.model.io.xpp3.MavenXpp3Reader;
import org.apache.maven.plugin.testing.AbstractMojoTestCase;
import org.apache.maven.project.MavenProject;

/**
 * Copies the test project {@code src/test/resources/unit/image-mojo} into a fresh directory and configures the
 * image goal from its POM, with every parameter default evaluated as Maven would.
 */
public abstract class AbstractImageMojoTest extends AbstractMojoTestCase {
    protected Path baseDirectory;

    @Override
    protected void setUp() throws Exception {
        super.setUp();
        Path source = getTestFile("src/test/resources/unit/image-mojo").toPath();
        baseDirectory = Files.createTempDirectory("image-mojo");
        Files.createDirectories(baseDirectory.resolve("src/main/config"));
        Files.copy(source.resolve("pom.xml"), baseDirectory.resolve("pom.xml"));
        Files.copy(source.resolve("src/main/config/app.toml"), baseDirectory.resolve("src/main/config/app.toml"));
        Files.createDirectories(baseDirectory.resolve("target"));
    }

    @Override
    protected void tearDown() throws Exception {
        try (Stream<Path> files = Files.walk(baseDirectory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        super.tearDown();
    }

    /** The image goal configured from the test project's POM. */
    protected ImageMojo configuredMojo() throws Exception {
        return (ImageMojo) lookupConfiguredMojo(project(), "image");
    }

    /** The test project, building into its own <code>target</code>. */
    protected MavenProject project() throws Exception {
        File pom = baseDirectory.resolve("pom.xml").toFile();
        Model model;
        try (Reader reader = Files.newBufferedReader(pom.toPath())) {
            model = new MavenXpp3Reader().read(reader);
        }
        model.getBuild().setDirectory(baseDirectory.resolve("target").toString());
        MavenProject project = new MavenProject(model);
        project.setFile(pom);
        project.setArtifact(new DefaultArtifact(model.getGroupId(), model.getArtifactId(), model.getVersion(), "compile",
                "pom", null, new DefaultArtifactHandler("pom")));
        return project;
    }

    protected static <T extends Throwable> T assertThrows(Class<T> type, org.junit.jupiter.api.function.Executable action) {
        return org.junit.jupiter.api.Assertions.assertThrows(type, action);
    }
}
