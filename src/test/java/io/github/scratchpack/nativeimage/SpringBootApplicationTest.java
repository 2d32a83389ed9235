package io.github.scratchpack.nativeimage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the native-image goal reads from a Spring Boot project: whether its jar was repackaged, where its main class
 * is named, and whether Spring's ahead-of-time output is there.
 */
class SpringBootApplicationTest {
    @TempDir
    Path directory;

    private Path jar(String... attributes) throws Exception {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        for (int i = 0; i < attributes.length; i += 2) {
            manifest.getMainAttributes().putValue(attributes[i], attributes[i + 1]);
        }
        Path jar = directory.resolve("app-" + attributes.length + ".jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            return jar;
        }
    }

    @Test
    void aRepackagedJarIsRecognisedAndItsLauncherIsNeverTheMainClass() throws Exception {
        ProjectJar repackaged = ProjectJar.read(jar("Main-Class", "org.springframework.boot.loader.launch.JarLauncher",
                "Start-Class", "example.Application", "Spring-Boot-Classes", "BOOT-INF/classes/"));
        assertTrue(repackaged.repackaged());
        assertEquals(Optional.of("example.Application"), repackaged.startClass());
        assertEquals(Optional.empty(), repackaged.mainClass());

        // Spring Boot 3.1 and older: the launcher in its old package, and no Start-Class written by hand
        assertTrue(ProjectJar.read(jar("Main-Class", "org.springframework.boot.loader.JarLauncher")).repackaged());

        ProjectJar plain = ProjectJar.read(jar("Main-Class", "example.Main"));
        assertFalse(plain.repackaged());
        assertEquals(Optional.of("example.Main"), plain.mainClass());
        assertEquals(Optional.empty(), plain.startClass());
        assertFalse(ProjectJar.read(jar()).repackaged());
    }

    @Test
    void aShadedJarIsOneWhoseOriginalIsKeptBesideIt() throws Exception {
        Path jar = jar("Main-Class", "example.Application");
        assertFalse(ProjectJar.read(jar).bundlesDependencies());
        Files.copy(jar, jar.resolveSibling("original-" + jar.getFileName()));
        ProjectJar shaded = ProjectJar.read(jar);
        assertTrue(shaded.shaded());
        assertFalse(shaded.repackaged());
        assertTrue(shaded.bundlesDependencies());
        assertEquals(Optional.of("example.Application"), shaded.mainClass());
    }

    @Test
    void theFirstPlaceThatNamesAClassWinsAndUnresolvedExpressionsNameNone() {
        MainClassSearch search = new MainClassSearch().look("the parameter", Optional.empty())
                .look("spring-boot-maven-plugin", "${start-class}")
                .look("exec.mainClass", " example.Application ")
                .look("the manifest", "example.Other");
        assertEquals(Optional.of("example.Application"), search.mainClass());
        assertEquals(Optional.of("exec.mainClass"), search.source());
        assertEquals("the parameter, spring-boot-maven-plugin, exec.mainClass, the manifest", search.placesLookedAt());

        MainClassSearch none = new MainClassSearch().look("a", "  ").look("b", Optional.empty());
        assertEquals(Optional.empty(), none.mainClass());
        assertEquals("a, b", none.placesLookedAt());
    }

    @Test
    void theMainClassOfSpringsGeneratedNativeImagePropertiesIsFound() throws Exception {
        Path classes = directory.resolve("classes");
        assertEquals(Optional.empty(), ApplicationNativeImageProperties.mainClass(classes));
        write(classes.resolve("META-INF/native-image/com.example/lib/native-image.properties"),
                "Args = --initialize-at-build-time=com.example\n");
        assertEquals(Optional.empty(), ApplicationNativeImageProperties.mainClass(classes));
        // as process-aot writes it: continued lines
        write(classes.resolve("META-INF/native-image/example/spring-boot/native-image.properties"),
                "Args = -H:Class=example.Application \\\n--report-unsupported-elements-at-runtime \\\n--no-fallback\n");
        assertEquals(Optional.of("example.Application"), ApplicationNativeImageProperties.mainClass(classes));
    }

    @Test
    void aSpringBootMainClassWithoutAheadOfTimeOutputFailsAndWithItPasses() throws Exception {
        Path classes = directory.resolve("classes");
        write(classes.resolve("example/Application.class"), "\u00ca\u00fe...org/springframework/boot/SpringApplication...");
        NativeImageException failure = assertThrows(NativeImageException.class,
                () -> SpringBootAot.require(classes, "example.Application"));
        assertEquals("example.Application is a Spring Boot application, but Spring's ahead-of-time processing has not run: "
                + classes + " has no example/Application__ApplicationContextInitializer.class, which Spring Boot needs to"
                + " start as a native executable.", failure.getMessage());

        write(classes.resolve("example/Application__ApplicationContextInitializer.class"), "generated");
        SpringBootAot.require(classes, "example.Application");
    }

    @Test
    void otherMainClassesNeedNoAheadOfTimeOutput() throws Exception {
        Path classes = directory.resolve("classes");
        write(classes.resolve("example/Main.class"), "\u00ca\u00fe...java/lang/System...org/springframework/core/...");
        SpringBootAot.require(classes, "example.Main");
        // a main class from a dependency is not in the classes directory
        SpringBootAot.require(classes, "org.example.Launcher");
    }

    private static void write(Path file, String content) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.ISO_8859_1);
    }
}
