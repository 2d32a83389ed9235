package io.github.scratchpack.nativeimage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Finds GraalVM, trying in order: the Maven toolchain, the {@code graalvmHome} parameter, {@code GRAALVM_HOME},
 * {@code JAVA_HOME} and {@code native-image} on {@code PATH}.
 *
 * <p>A toolchain or {@code JAVA_HOME} without {@code native-image} is an ordinary JDK and is passed over. A
 * {@code graalvmHome} or {@code GRAALVM_HOME} without it is a mistake, and is reported rather than passed over.
 */
public final class GraalVmLocator {
    private static final String LAUNCHER = "bin/native-image";

    private GraalVmLocator() {
    }

    /**
     * The first GraalVM found, or empty when there is none.
     *
     * @param toolchainNativeImage what the Maven toolchain says {@code native-image} is, or {@code null}
     * @param graalvmHome          the {@code graalvmHome} parameter, or {@code null}
     * @param environment          the environment variables ({@code GRAALVM_HOME}, {@code JAVA_HOME}, {@code PATH})
     * @throws NativeImageException when {@code graalvmHome} or {@code GRAALVM_HOME} names a directory without
     *                              {@code bin/native-image}
     */
    public static Optional<GraalVmInstallation> locate(Path toolchainNativeImage, Path graalvmHome,
            Map<String, String> environment) throws NativeImageException {
        if (toolchainNativeImage != null && ExecutableSearch.isExecutableFile(toolchainNativeImage)) {
            return Optional.of(fromLauncher(toolchainNativeImage, GraalVmSource.TOOLCHAIN));
        }
        if (graalvmHome != null) {
            return Optional.of(required(graalvmHome, GraalVmSource.GRAALVM_HOME_PARAMETER));
        }
        String graalvmHomeVariable = environment.get("GRAALVM_HOME");
        if (graalvmHomeVariable != null && !graalvmHomeVariable.isBlank()) {
            return Optional.of(required(Path.of(graalvmHomeVariable.trim()), GraalVmSource.GRAALVM_HOME));
        }
        String javaHome = environment.get("JAVA_HOME");
        if (javaHome != null && !javaHome.isBlank()) {
            Path launcher = Path.of(javaHome.trim()).resolve(LAUNCHER);
            if (ExecutableSearch.isExecutableFile(launcher)) {
                return Optional.of(new GraalVmInstallation(Path.of(javaHome.trim()), launcher, GraalVmSource.JAVA_HOME));
            }
        }
        Optional<Path> onPath = ExecutableSearch.onPath("native-image", environment.get("PATH"));
        if (onPath.isPresent()) {
            return Optional.of(fromLauncher(onPath.get(), GraalVmSource.PATH));
        }
        return Optional.empty();
    }

    private static GraalVmInstallation required(Path home, GraalVmSource source) throws NativeImageException {
        Path launcher = home.resolve(LAUNCHER);
        if (!ExecutableSearch.isExecutableFile(launcher)) {
            throw new NativeImageException(source.description() + " is " + home + ", but " + launcher
                    + " does not exist or is not executable. Point " + source.description()
                    + " at the home directory of a GraalVM for JDK 17 or newer (the directory that holds "
                    + LAUNCHER + ").");
        }
        return new GraalVmInstallation(home, launcher, source);
    }

    /**
     * The installation a launcher belongs to. A launcher on PATH is often a symbolic link (as with Debian's
     * alternatives), so the home is looked for above the link's target: the nearest directory with a JDK
     * {@code release} file, else the launcher's grandparent.
     */
    private static GraalVmInstallation fromLauncher(Path launcher, GraalVmSource source) {
        Path real;
        try {
            real = launcher.toRealPath();
        } catch (IOException e) {
            real = launcher.toAbsolutePath();
        }
        for (Path directory = real.getParent(); directory != null; directory = directory.getParent()) {
            if (Files.isRegularFile(directory.resolve("release"))) {
                return new GraalVmInstallation(directory, launcher, source);
            }
        }
        return new GraalVmInstallation(real.getParent().getParent(), launcher, source);
    }
}
