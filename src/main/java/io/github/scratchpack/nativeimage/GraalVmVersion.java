package io.github.scratchpack.nativeimage;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code native-image --version} printed, and whether that GraalVM can build what this plugin asks for.
 *
 * <p>The plugin always passes {@code --static --libc=musl} and {@code -march}. {@code -march} arrived with GraalVM
 * 23.0, the first "GraalVM for JDK 17" release (2023), whose launcher prints {@code native-image 17.0.7 2023-04-18}
 * where older ones printed {@code GraalVM 22.3.0 Java 17 CE (...)}. Mandrel prints its own release number
 * ({@code native-image 23.1.2.0-Final Mandrel Distribution (...)}), so it is held to Mandrel 23.0.
 */
public record GraalVmVersion(String output) {
    /** The GraalVM this plugin needs, as said to users. */
    public static final String REQUIRED = "GraalVM for JDK 17 or newer (native-image 17.0.7 or later, 2023; Mandrel 23.0 or later)";

    private static final Pattern CURRENT = Pattern.compile("native-image (\\d+)\\.\\d+\\S*(.*)");
    private static final Pattern LEGACY = Pattern.compile("GraalVM (\\d+\\.\\d+\\S*).*");

    /**
     * The version line, such as {@code native-image 21.0.2 2024-01-16}: the first line that starts with
     * {@code native-image } or {@code GraalVM } (a container engine may print pull progress before it), else the
     * first line.
     */
    public String firstLine() {
        List<String> lines = output.strip().lines().map(String::strip).toList();
        return lines.stream().filter(line -> line.startsWith("native-image ") || line.startsWith("GraalVM ")).findFirst()
                .orElse(lines.isEmpty() ? "" : lines.get(0));
    }

    /**
     * Fails unless this GraalVM can build static musl executables with the options this plugin passes.
     *
     * @param where names the GraalVM in the message, such as {@code /opt/graalvm (from GRAALVM_HOME)}
     */
    public void requireStaticMuslSupport(String where) throws NativeImageException {
        String line = firstLine();
        Matcher current = CURRENT.matcher(line);
        if (current.matches()) {
            int major = Integer.parseInt(current.group(1));
            boolean mandrel = current.group(2).contains("Mandrel");
            if (major >= (mandrel ? 23 : 17)) {
                return;
            }
        } else if (!LEGACY.matcher(line).matches()) {
            throw new NativeImageException("Cannot tell which GraalVM " + where + " is: native-image --version printed \""
                    + line + "\". scratchpack needs " + REQUIRED + "; point GRAALVM_HOME at one.");
        }
        throw new NativeImageException(where + " is too old: native-image --version printed \"" + line
                + "\". Static musl executables built with -march need " + REQUIRED
                + "; install one (GraalVM for JDK 21 or 25, for example) and point GRAALVM_HOME at it.");
    }
}
