package io.github.scratchpack.nativeimage;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Which builder makes the executable, told in a few file reads and without running it, so that a build cache can key
 * on it: the version lines of the GraalVM home's {@code release} file and the size of its Substrate VM builder jar, or
 * that the builder is a container image. Two homes of the same GraalVM release give the same identity wherever they
 * are installed; another GraalVM version or vendor gives another.
 */
public final class BuilderIdentity {
    /** The identity when no GraalVM on this machine builds: the builder image does, which is named on its own. */
    public static final String CONTAINER = "builder image";
    private static final List<String> RELEASE_KEYS = List.of("IMPLEMENTOR", "GRAALVM_VERSION", "JAVA_RUNTIME_VERSION",
            "JAVA_VERSION", "OS_ARCH");
    private static final Path BUILDER_JAR = Path.of("lib", "svm", "builder", "svm.jar");

    private BuilderIdentity() {
    }

    /**
     * The builder a build in this environment would use when neither a Maven toolchain nor {@code graalvmHome} names
     * one: the GraalVM of {@code GRAALVM_HOME}, {@code JAVA_HOME} or {@code PATH}, as {@link GraalVmLocator} finds it,
     * else {@link #CONTAINER}.
     */
    public static String expected(Map<String, String> environment) {
        try {
            return of(GraalVmLocator.locate(null, null, environment));
        } catch (NativeImageException e) {
            return "unusable GraalVM: " + e.getMessage();
        }
    }

    /** The identity of a local GraalVM, or {@link #CONTAINER} for none. */
    public static String of(Optional<GraalVmInstallation> graalvm) {
        return graalvm.map(installation -> of(installation.home())).orElse(CONTAINER);
    }

    /** The identity of the GraalVM home {@code home}. */
    static String of(Path home) {
        Properties release = new Properties();
        try (Reader reader = Files.newBufferedReader(home.resolve("release"), StandardCharsets.UTF_8)) {
            release.load(reader);
        } catch (IOException e) {
            return "GraalVM without a readable release file";
        }
        List<String> parts = new ArrayList<>();
        for (String key : RELEASE_KEYS) {
            String value = release.getProperty(key);
            if (value != null && !value.isBlank()) {
                parts.add(key + "=" + value.replace("\"", "").trim());
            }
        }
        try {
            Path jar = home.resolve(BUILDER_JAR);
            if (Files.isRegularFile(jar)) {
                parts.add("svm.jar=" + Files.size(jar) + " bytes");
            }
        } catch (IOException e) {
            parts.add("svm.jar unreadable");
        }
        return "GraalVM " + String.join(", ", parts);
    }
}
