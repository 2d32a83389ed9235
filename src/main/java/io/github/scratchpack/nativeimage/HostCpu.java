package io.github.scratchpack.nativeimage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import io.github.scratchpack.image.Sha256;
import java.util.List;

/**
 * What identifies this machine's CPU for {@code -march=native}, which compiles for exactly the instruction set
 * extensions the build machine has: its model and feature flags, from {@code /proc/cpuinfo}.
 */
public final class HostCpu {
    /** Where Linux describes the CPUs. */
    public static final Path CPU_INFO = Path.of("/proc/cpuinfo");

    private HostCpu() {
    }

    /** The digest of the first CPU's model and flags, or {@code unknown} where the file cannot be read. */
    public static String identity(Path cpuInfo) {
        List<String> lines;
        try {
            lines = Files.readAllLines(cpuInfo, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "unknown";
        }
        StringBuilder identity = new StringBuilder();
        for (String line : lines) {
            if (line.isBlank() && identity.length() > 0) {
                break;
            }
            String key = line.split(":", 2)[0].strip();
            if (key.equals("vendor_id") || key.equals("model name") || key.equals("flags") || key.equals("Features")
                    || key.equals("CPU part")) {
                identity.append(line.strip()).append('\n');
            }
        }
        return Sha256.of(identity.toString().getBytes(StandardCharsets.UTF_8));
    }
}
