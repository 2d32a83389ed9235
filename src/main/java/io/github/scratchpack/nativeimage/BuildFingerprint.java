package io.github.scratchpack.nativeimage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The fingerprint file kept next to the executable: the lines of the {@link BuildInputs} that made it, and the
 * executable's own digest. It is written only after a build succeeds and removed before a build starts, so it never
 * vouches for an executable that a failed build left behind.
 *
 * @param inputLines   the lines of the inputs
 * @param outputDigest the SHA-256 of the executable those inputs made
 */
public record BuildFingerprint(List<String> inputLines, String outputDigest) {
    private static final String HEADER = "# scratchpack native-image inputs; delete this file to rebuild";
    private static final String OUTPUT = "output ";

    /** The fingerprint file for an executable: {@code <executable>.fingerprint}. */
    public static Path fileFor(Path executable) {
        return executable.resolveSibling(executable.getFileName() + ".fingerprint");
    }

    /** The stored fingerprint, or empty when there is none or it cannot be read. */
    public static Optional<BuildFingerprint> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        List<String> inputs = new ArrayList<>();
        String output = null;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.startsWith(OUTPUT)) {
                output = line.substring(OUTPUT.length());
            } else if (!line.startsWith("#")) {
                inputs.add(line);
            }
        }
        return output == null ? Optional.empty() : Optional.of(new BuildFingerprint(inputs, output));
    }

    /** Writes the fingerprint of a finished build, atomically. */
    public static void write(Path file, BuildInputs inputs, Path executable) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        lines.addAll(inputs.lines());
        lines.add(OUTPUT + ContentDigest.of(executable));
        // a name of this write's own, so that two writers (or a leftover of a killed one) never share a file
        Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName() + ".", ".tmp");
        try {
            Files.write(temporary, lines, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** The stored value of the first line that starts with {@code key}, such as the GraalVM key or version. */
    public Optional<String> value(String key) {
        return inputLines.stream().filter(line -> line.startsWith(key + " ")).findFirst()
                .map(line -> line.substring(key.length() + 1));
    }

    /** Whether the executable is still the one these inputs made, and the inputs are unchanged. */
    public boolean matches(BuildInputs inputs, Path executable) throws IOException {
        return inputLines.equals(inputs.lines()) && Files.isRegularFile(executable)
                && ContentDigest.of(executable).equals(outputDigest);
    }

    /** What differs from new inputs, briefly, for the log line that says why a build runs. */
    public String differenceFrom(BuildInputs inputs) {
        List<String> current = inputs.lines();
        for (int i = 0; i < Math.max(current.size(), inputLines.size()); i++) {
            String stored = i < inputLines.size() ? inputLines.get(i) : "";
            String now = i < current.size() ? current.get(i) : "";
            if (!stored.equals(now)) {
                String key = (now.isEmpty() ? stored : now).split(" ", 2)[0];
                return key + " changed: " + (now.isEmpty() ? "(removed) " + stored : now);
            }
        }
        return "the executable changed since it was built";
    }
}
