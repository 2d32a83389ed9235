package io.github.scratchpack.nativeimage;

import io.github.scratchpack.image.FileStat;
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
 * @param outputStamp  what {@link FileStat} said of the executable when its digest was taken, and when that was; an
 *                     executable that still has this stat, and had settled by then, is not hashed again. {@code null}
 *                     when the file has none (one an older scratchpack wrote)
 */
public record BuildFingerprint(List<String> inputLines, String outputDigest, String outputStamp) {
    private static final String HEADER = "# scratchpack native-image inputs; delete this file to rebuild";
    private static final String OUTPUT = "output ";
    private static final String STAMP = "stamp ";

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
        String stamp = null;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.startsWith(OUTPUT)) {
                output = line.substring(OUTPUT.length());
            } else if (line.startsWith(STAMP)) {
                stamp = line.substring(STAMP.length());
            } else if (!line.startsWith("#")) {
                inputs.add(line);
            }
        }
        return output == null ? Optional.empty() : Optional.of(new BuildFingerprint(inputs, output, stamp));
    }

    /** Writes the fingerprint of a finished build, atomically, and returns the executable's digest. */
    public static String write(Path file, BuildInputs inputs, Path executable) throws IOException {
        long readFrom = FileStat.now();
        String stat = FileStat.line(executable);
        String digest = ContentDigest.of(executable);
        write(file, inputs.lines(), digest, readFrom + " " + stat);
        return digest;
    }

    /**
     * Records the executable's stat anew after {@link #matches} had to hash it, as it does once after each build: the
     * file was still being written just before its digest was taken. A stamp that is trusted already is left alone.
     */
    public void restamp(Path file, Path executable) throws IOException {
        if (!unchangedSinceHashed(executable)) {
            write(file, inputLines, outputDigest, FileStat.now() + " " + FileStat.line(executable));
        }
    }

    private static void write(Path file, List<String> inputLines, String digest, String stamp) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        lines.addAll(inputLines);
        lines.add(OUTPUT + digest);
        lines.add(STAMP + stamp);
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

    /**
     * Whether the executable is still the one these inputs made, and the inputs are unchanged. The executable is
     * hashed again only when what {@code stat} says of it changed since its digest was taken.
     */
    public boolean matches(BuildInputs inputs, Path executable) throws IOException {
        return inputLines.equals(inputs.lines()) && Files.isRegularFile(executable)
                && (unchangedSinceHashed(executable) || ContentDigest.of(executable).equals(outputDigest));
    }

    private boolean unchangedSinceHashed(Path executable) throws IOException {
        if (outputStamp == null || !outputStamp.matches("[0-9]{1,19} .*")) {
            return false;
        }
        int space = outputStamp.indexOf(' ');
        return outputStamp.substring(space + 1).equals(FileStat.line(executable))
                && FileStat.settledBefore(executable, Long.parseLong(outputStamp.substring(0, space)));
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
