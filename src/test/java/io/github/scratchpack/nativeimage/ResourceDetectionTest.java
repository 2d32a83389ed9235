package io.github.scratchpack.nativeimage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarOutputStream;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The application's resources that go into the executable when resource detection is on. */
class ResourceDetectionTest {
    private static final List<String> FILES = List.of("application.yml", "logback.xml", "example/Application.class",
            "static/index.html", "META-INF/services/io.micronaut.Foo", "META-INF/native-image/example/app/resource-config.json",
            "META-INF/maven/example/app/pom.xml", "META-INF/LICENSE.txt", "META-INF/swagger/app.yml", "example/package.html");

    @TempDir
    Path directory;

    @Test
    void aClassesDirectoryAndAJarGiveTheSameResourcesLessClassesAndOthersMetadata() throws Exception {
        Path classes = directory.resolve("classes");
        for (String name : FILES) {
            Path file = classes.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, name);
        }
        Path jar = directory.resolve("app.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out)) {
            for (String name : FILES) {
                zip.putNextEntry(new ZipEntry(name));
                zip.write(name.getBytes());
            }
        }
        List<String> expected = List.of("META-INF/swagger/app.yml", "application.yml", "logback.xml", "static/index.html");
        assertEquals(expected, ResourceDetection.resources(classes));
        assertEquals(expected, ResourceDetection.resources(jar));
    }

    @Test
    void theConfigurationIncludesEachResourceByItsQuotedName() throws Exception {
        Path written = ResourceDetection.write(List.of("application.yml", "a+b.txt"), directory.resolve("detected"));
        var config = new ObjectMapper().readTree(written.resolve("resource-config.json").toFile());
        assertEquals(2, config.at("/resources/includes").size());
        String pattern = config.at("/resources/includes/1/pattern").asText();
        assertEquals("\\Qa+b.txt\\E", pattern);
        assertEquals(true, Pattern.matches(pattern, "a+b.txt"));
        assertEquals(false, Pattern.matches(pattern, "aab.txt"));
        assertEquals(0, config.at("/bundles").size());
    }
}
