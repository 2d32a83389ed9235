package io.github.scratchpack.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints the benchmark's markdown table from the measurements run.sh wrote.
 *
 * <pre>
 * ResultTable RESULTS_TSV
 * </pre>
 *
 * Each line of the file is one measured run, tab-separated: input size in MiB, tool id, tool label, wall-clock
 * seconds, peak RSS in KiB, tarball bytes, seconds inside the JVM, and whether scratchpack left its outputs
 * untouched; "-" where a field does not apply. A wall-clock time of "n/a" marks a row that could not be measured,
 * such as zstd in a scratchpack without it. Lines keep their order: rows appear in the order they were first seen.
 *
 * A row shows the median wall-clock and in-JVM seconds over its runs, the median wall-clock time divided by the
 * jib-core row's (tool id {@code jib}) for the same input, the tarball size of its last run, and the highest peak
 * RSS of all its runs.
 */
public final class ResultTable {
    private static final double MIB = 1024 * 1024;
    private static final int WALL_SECONDS = 3;
    private static final int PEAK_RSS_KIB = 4;
    private static final int TARBALL_BYTES = 5;
    private static final int JVM_SECONDS = 6;
    private static final int UNCHANGED = 7;

    private ResultTable() {
    }

    /** The runs of one tool on one input. */
    private record Row(String size, String tool, String label, List<String[]> runs) {
        double median(int field) {
            List<Double> values = values(field);
            if (values.isEmpty()) {
                return Double.NaN;
            }
            int middle = values.size() / 2;
            return values.size() % 2 == 1 ? values.get(middle) : (values.get(middle - 1) + values.get(middle)) / 2;
        }

        double max(int field) {
            List<Double> values = values(field);
            return values.isEmpty() ? Double.NaN : values.get(values.size() - 1);
        }

        /** The measured values of a field over the runs, sorted; fields that do not apply are left out. */
        private List<Double> values(int field) {
            List<Double> values = new ArrayList<>();
            for (String[] run : runs) {
                if (!run[field].equals("-") && !run[field].equals("n/a")) {
                    values.add(Double.parseDouble(run[field]));
                }
            }
            values.sort(null);
            return values;
        }

        String last(int field) {
            return runs.get(runs.size() - 1)[field];
        }
    }

    public static void main(String[] args) throws IOException {
        Map<String, Row> rows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split("\t", -1);
            rows.computeIfAbsent(fields[0] + "\t" + fields[1],
                    key -> new Row(fields[0], fields[1], fields[2], new ArrayList<>())).runs().add(fields);
        }
        System.out.println("| Input | Tool | Time (median) | × jib-core | Time in the JVM | Tarball | Peak RSS |");
        System.out.println("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
        for (Row row : rows.values()) {
            Row jib = rows.get(row.size() + "\tjib");
            double wall = row.median(WALL_SECONDS);
            double jibWall = jib == null ? Double.NaN : jib.median(WALL_SECONDS);
            System.out.println("| " + row.size() + " MiB | " + row.label() + unchangedNote(row) + " | "
                    + format(wall, "%.2f s") + " | " + format(wall / jibWall, "%.2f×") + " | "
                    + format(row.median(JVM_SECONDS), "%.2f s") + " | " + bytes(row.last(TARBALL_BYTES)) + " | "
                    + format(row.max(PEAK_RSS_KIB) / 1024, "%.0f MiB") + " |");
        }
    }

    /** What scratchpack said about its outputs, for the rows where it says anything. */
    private static String unchangedNote(Row row) {
        long untouched = row.runs().stream().filter(run -> run[UNCHANGED].equals("true")).count();
        long rewritten = row.runs().stream().filter(run -> run[UNCHANGED].equals("false")).count();
        if (untouched == 0 && rewritten == 0) {
            return "";
        }
        return rewritten == 0 ? ": tarball left untouched" : ": tarball rewritten in " + rewritten + " of "
                + row.runs().size() + " runs";
    }

    private static String bytes(String count) {
        return count.equals("-") || count.equals("n/a") ? "n/a"
                : String.format(Locale.ROOT, "%.2f MiB", Long.parseLong(count) / MIB);
    }

    private static String format(double value, String pattern) {
        return Double.isNaN(value) || Double.isInfinite(value) ? "n/a" : String.format(Locale.ROOT, pattern, value);
    }
}
