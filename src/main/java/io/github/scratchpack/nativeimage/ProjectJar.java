package io.github.scratchpack.nativeimage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The jar a project built, as its manifest describes it: a plain jar, or one that Spring Boot's {@code repackage}
 * turned into a launcher whose application classes and libraries are nested under {@code BOOT-INF/}. native-image
 * cannot build from the second: its {@code Main-Class} is Spring Boot's {@code JarLauncher}, which reads nested jars
 * from the jar file at run time, and a native executable has no jar file.
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
