package io.github.scratchpack.nativeimage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a Spring Boot application went through Spring's ahead-of-time processing, which a native executable
 * cannot do without: it has no class path to scan and no bytecode to generate at run time, so Spring Boot starts it
 * from the bean definitions that {@code process-aot} wrote as code. Without them the executable builds for minutes
 * and then stops at start-up. Spring Boot looks for {@code <main class>__ApplicationContextInitializer}; so does
 * this check, for a main class that uses Spring Boot.
 */
public final class SpringBootAot {
    /** Every class that starts a Spring Boot application refers to something in this package or below. */
    private static final byte[] SPRING_BOOT_PACKAGE = "org/springframework/boot/".getBytes(StandardCharsets.US_ASCII);
    private static final String INITIALIZER_SUFFIX = "__ApplicationContextInitializer";

    private SpringBootAot() {
    }

    /**
     * Fails when the main class in {@code classesDirectory} is a Spring Boot application and Spring's ahead-of-time
     * output for it is not there. A main class that is not in the directory, or does not use Spring Boot, passes.
     */
    public static void require(Path classesDirectory, String mainClass) throws NativeImageException, IOException {
        Path classFile = classesDirectory.resolve(mainClass.replace('.', '/') + ".class");
        if (!Files.isRegularFile(classFile) || !contains(Files.readAllBytes(classFile), SPRING_BOOT_PACKAGE)) {
            return;
        }
        Path initializer = classesDirectory.resolve(mainClass.replace('.', '/') + INITIALIZER_SUFFIX + ".class");
        if (!Files.isRegularFile(initializer)) {
            throw new NativeImageException(mainClass + " is a Spring Boot application, but Spring's ahead-of-time"
                    + " processing has not run: " + classesDirectory + " has no " + classesDirectory.relativize(initializer)
                    + ", which Spring Boot needs to start as a native executable.");
        }
    }

    private static boolean contains(byte[] bytes, byte[] part) {
        outer:
        for (int i = 0; i <= bytes.length - part.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (bytes[i + j] != part[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
