package io.github.scratchpack.nativeimage;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The {@code META-INF/native-image/.../native-image.properties} files in the application's own classes, which
 * native-image reads by itself. Spring Boot's {@code process-aot} writes one whose {@code Args} name the main class
 * with {@code -H:Class=}: that is how Spring's native path tells native-image the main class without being told.
 */
public final class ApplicationNativeImageProperties {
    private static final String MAIN_CLASS_OPTION = "-H:Class=";

    private ApplicationNativeImageProperties() {
    }

    /** The main class that an {@code -H:Class=} in one of the files names; empty when none does. */
    public static Optional<String> mainClass(Path classesDirectory) throws IOException {
        Path root = classesDirectory.resolve("META-INF/native-image");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(path -> path.getFileName().toString().equals("native-image.properties"))
                    .sorted().toList()) {
                Optional<String> mainClass = mainClassIn(file);
                if (mainClass.isPresent()) {
                    return mainClass;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> mainClassIn(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        String args = properties.getProperty("Args", "");
        for (String arg : args.trim().split("\\s+")) {
            if (arg.startsWith(MAIN_CLASS_OPTION) && arg.length() > MAIN_CLASS_OPTION.length()) {
                return Optional.of(arg.substring(MAIN_CLASS_OPTION.length()));
            }
        }
        return Optional.empty();
    }
}
