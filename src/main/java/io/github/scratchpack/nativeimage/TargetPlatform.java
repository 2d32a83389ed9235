package io.github.scratchpack.nativeimage;

import io.github.scratchpack.elf.ElfInfo;
import java.util.Locale;

/**
 * The platform an executable runs on, as {@code os-arch} in the names OCI images use, such as {@code linux-amd64}:
 * the classifier of the attached executable, and what a build cache keys it on. native-image builds for the machine
 * it runs on.
 */
public final class TargetPlatform {
    private TargetPlatform() {
    }

    /** The platform of this machine, from the JVM's {@code os.name} and {@code os.arch}. */
    public static String host(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        String arch = switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            default -> osArch.toLowerCase(Locale.ROOT);
        };
        return os + "-" + arch;
    }

    /** The platform of a Linux ELF executable; {@code linux-} followed by the machine number for one OCI does not name. */
    public static String of(ElfInfo executable) {
        return "linux-" + executable.ociArchitecture().orElse("machine" + executable.machine());
    }
}
