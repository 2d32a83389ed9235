package io.github.scratchpack.nativeimage;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What native-image prints, on its way into the build log. Every line goes unchanged into a log file; the build
 * log gets each line as it comes, but a line too long to read (native-image prints the whole linker command, often
 * over 100 KB, when linking fails) is cut, with a pointer to the file. It remembers what the summary needs (the
 * peak memory native-image reports) and, for a failed build, the lines that say why.
 */
public final class NativeImageOutput implements Consumer<String>, AutoCloseable {
    /** Lines longer than this are cut in the build log. */
    static final int LONGEST_LOGGED_LINE = 600;
    private static final int KEPT_LINES = 400;
    private static final int MOST_REASONS = 25;
    private static final Pattern PEAK_RSS = Pattern.compile("Peak RSS: ([0-9.]+\\s*[KMGT]?B)");

    private final Consumer<String> log;
    private final Path file;
    private final BufferedWriter writer;
    private final Deque<String> lastLines = new ArrayDeque<>();
    private String peakMemory;

    /**
     * @param log  receives each line, cut when too long
     * @param file where every line is written in full; replaced
     */
    public NativeImageOutput(Consumer<String> log, Path file) throws IOException {
        this.log = log;
        this.file = file;
        Files.createDirectories(file.toAbsolutePath().getParent());
        this.writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    @Override
    public void accept(String line) {
        try {
            writer.write(line);
            writer.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Matcher peak = PEAK_RSS.matcher(line);
        if (peak.find()) {
            peakMemory = peak.group(1);
        }
        lastLines.addLast(line);
        if (lastLines.size() > KEPT_LINES) {
            lastLines.removeFirst();
        }
        log.accept(cut(line));
    }

    /** The peak memory native-image reported, such as {@code 1.41GB}, if it did. */
    public Optional<String> peakMemory() {
        return Optional.ofNullable(peakMemory);
    }

    /** The file that holds every line in full. */
    public Path file() {
        return file;
    }

    /**
     * The lines of a failed build that say why: native-image's {@code Error:} and {@code Fatal error:} lines, the
     * possible reasons it gives, and what the linker printed, but not the linker command itself. Without any of
     * those, the last lines it printed.
     */
    public List<String> failureReasons() {
        List<String> reasons = new ArrayList<>();
        String section = "";
        for (String line : lastLines) {
            String stripped = line.strip();
            if (stripped.startsWith("Linker command executed:") || stripped.startsWith("Linker command output:")
                    || stripped.startsWith("Based on the linker command output")) {
                section = stripped;
                if (!stripped.startsWith("Linker command executed:")) {
                    reasons.add(stripped);
                }
            } else if (stripped.isEmpty() || stripped.startsWith("Please inspect the generated error report")) {
                section = "";
            } else if (stripped.startsWith("Error:") || stripped.startsWith("Fatal error:")) {
                reasons.add(cut(stripped));
            } else if (section.startsWith("Linker command output:") || section.startsWith("Based on the linker command output")) {
                reasons.add(cut(stripped));
            }
        }
        if (reasons.isEmpty()) {
            lastLines.stream().skip(Math.max(0, lastLines.size() - 10)).map(String::strip).filter(line -> !line.isEmpty())
                    .map(this::cut).forEach(reasons::add);
        }
        List<String> distinct = reasons.stream().distinct().toList();
        return distinct.subList(Math.max(0, distinct.size() - MOST_REASONS), distinct.size());
    }

    private String cut(String line) {
        if (line.length() <= LONGEST_LOGGED_LINE) {
            return line;
        }
        return line.substring(0, LONGEST_LOGGED_LINE) + " ... (" + (line.length() - LONGEST_LOGGED_LINE)
                + " more characters, in full in " + file + ")";
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
