package io.github.scratchpack.nativeimage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The jar a project built: a plain jar, or one that bundles the dependencies, which native-image must not compile.
 * Spring Boot's {@code repackage} turns it into a launcher whose classes and libraries are nested under
 * {@code BOOT-INF/}: its {@code Main-Class} is Spring Boot's {@code JarLauncher}, which reads nested jars from the jar
 * file at run time, and a native executable has no jar file. maven-shade-plugin (which micronaut-parent runs for
 * {@code jar} packaging) copies every dependency into it, with their {@code META-INF/native-image} configuration,
 * which then reaches native-image a second time, out of reach of the exclusions the metadata repository asks for.
 */
public final class ProjectJar {
    private static final String LAUNCHER_PACKAGE = "org.springframework.boot.loader.";

    private final Path path;
    private final Attributes attributes;

    private ProjectJar(Path path, Attributes attributes) {
        this.path = path;
        this.attributes = attributes;
    }

    /** Reads the jar's manifest; a jar without one is plain and names no class. */
    public static ProjectJar read(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            return new ProjectJar(jar, manifest == null ? new Attributes() : manifest.getMainAttributes());
        }
    }

    /** The jar's file. */
    public Path path() {
        return path;
    }

    /** Whether Spring Boot repackaged it: its manifest names a {@code Start-Class} or Spring Boot's launcher. */
    public boolean repackaged() {
        return value("Start-Class").isPresent() || value("Spring-Boot-Classes").isPresent()
                || value("Main-Class").filter(name -> name.startsWith(LAUNCHER_PACKAGE)).isPresent();
    }

    /**
     * Whether maven-shade-plugin replaced it with a jar holding the dependencies too: it keeps the original beside it
     * as {@code original-<name>}.
     */
    public boolean shaded() {
        return Files.isRegularFile(path.resolveSibling("original-" + path.getFileName()));
    }

    /** Whether the jar holds more than the application: repackaged by Spring Boot, or shaded. */
    public boolean bundlesDependencies() {
        return repackaged() || shaded();
    }

    /** The application's main class that Spring Boot's repackaging recorded, {@code Start-Class}. */
    public Optional<String> startClass() {
        return value("Start-Class");
    }

    /** The manifest's {@code Main-Class}, unless it is Spring Boot's launcher. */
    public Optional<String> mainClass() {
        return value("Main-Class").filter(name -> !name.startsWith(LAUNCHER_PACKAGE));
    }

    private Optional<String> value(String name) {
        return Optional.ofNullable(attributes.getValue(name)).map(String::trim).filter(value -> !value.isEmpty());
    }
}
