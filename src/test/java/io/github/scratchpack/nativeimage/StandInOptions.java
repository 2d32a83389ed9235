package io.github.scratchpack.nativeimage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The options the stand-in native-image accepts, read from {@code src/test/standin/native-image.options} (the file
 * its header describes), for the tests that hold them against the real builder.
 */
final class StandInOptions {
    private StandInOptions() {
    }

    /** How an option takes its value. */
    enum Kind {
        /** {@code --static}: no value. */
        FLAG,
        /** {@code --libc=<libc>}: a value after {@code =}. */
        VALUE,
        /** {@code --initialize-at-build-time[=<classes>]}: a value after {@code =}, or none. */
        OPTIONAL_VALUE,
        /** {@code --gc=epsilon|serial}: one of the values listed. */
        CHOICE,
        /** {@code -o <file>}: the value is the next argument. */
        SEPARATE,
        /** {@code --exclude-config <regex> <regex>}: two values, the next two arguments. */
        SEPARATE_PAIR,
        /** {@code -J<flag>}: anything joined to it. */
        PREFIX,
        /** {@code -H:±Name}: {@code -H:+Name} or {@code -H:-Name}. */
        BOOLEAN_HOSTED,
        /** {@code -H:Name=<value>}. */
        VALUED_HOSTED
    }

    /**
     * One line of the file.
     *
     * @param form           the option as written, such as {@code --libc=<libc>} or {@code -H:±CheckToolchain}
     * @param name           the option's name: {@code --libc}, {@code -J}, {@code -H:CheckToolchain}
     * @param kind           how it takes its value
     * @param placeholder    the placeholder's name ({@code libc}), or empty
     * @param choices        for {@link Kind#CHOICE}, the values allowed
     * @param api            for {@link Kind#FLAG}, whether it is a GraalVM API option (a value given to it is
     *                       refused with "Passing values to option ... is not supported")
     * @param missingMessages for {@link Kind#SEPARATE}, the real builder's error when the value is missing; for
     *                        {@link Kind#SEPARATE_PAIR}, its error when both values are missing, then when the second is
     */
    record Option(String form, String name, Kind kind, String placeholder, List<String> choices, boolean api,
            List<String> missingMessages) {
        /** Whether it is an {@code -H:} (hosted) or {@code -R:} (runtime) option. */
        boolean hosted() {
            return kind == Kind.BOOLEAN_HOSTED || kind == Kind.VALUED_HOSTED;
        }

        /** For {@code -H:Name}, {@code -H:}; for {@code -R:Name}, {@code -R:}. */
        String hostedPrefix() {
            return name.substring(0, 3);
        }

        /** For {@code -H:Name}, {@code Name}. */
        String hostedName() {
            return name.substring(3);
        }

        /** The arguments that give this option in an accepted form, with {@link #sample} values. */
        List<String> sampleArguments(Path directory) {
            String value = placeholder.isEmpty() ? "" : sample(placeholder, directory);
            return switch (kind) {
                case FLAG -> List.of(name);
                case VALUE, VALUED_HOSTED -> List.of(name + "=" + value);
                case OPTIONAL_VALUE -> List.of(name, name + "=" + value);
                case CHOICE -> choices.stream().map(choice -> name + "=" + choice).toList();
                case SEPARATE -> List.of(name, value);
                case SEPARATE_PAIR -> List.of(name, value, value);
                case PREFIX -> List.of(name + value);
                case BOOLEAN_HOSTED -> List.of(hostedPrefix() + "+" + hostedName(), hostedPrefix() + "-" + hostedName());
            };
        }
    }

    private static final Map<String, String> SAMPLES = Map.ofEntries(Map.entry("classes", "com.example"),
            Map.entry("locales", "en"), Map.entry("bundles", "messages"), Map.entry("monitoring", "heapdump"),
            Map.entry("protocols", "http"), Map.entry("flag", "-Xmx1g"), Map.entry("property", "scratchpack.probe=1"),
            Map.entry("level", "b"), Map.entry("machine", "compatibility"), Map.entry("libc", "musl"),
            Map.entry("size", "64m"), Map.entry("regex", ".*\\.txt"), Map.entry("options", "-O1"));

    /**
     * A value for a placeholder that the real builder accepts while it reads its arguments: {@code <file>} is a
     * file in {@code directory}, {@code <path>} and {@code <dirs>} the directory itself.
     */
    static String sample(String placeholder, Path directory) {
        return switch (placeholder) {
            case "file" -> directory.resolve("probe").toString();
            case "path", "dirs" -> directory.toString();
            default -> {
                String sample = SAMPLES.get(placeholder);
                if (sample == null) {
                    throw new IllegalArgumentException("native-image.options uses the placeholder <" + placeholder
                            + ">, which StandInOptions.sample has no value for");
                }
                yield sample;
            }
        };
    }

    /** The options in the file the stand-in reads. */
    static List<Option> read() throws IOException {
        return read(StandInGraalVm.OPTIONS);
    }

    static List<Option> read(Path file) throws IOException {
        List<Option> options = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            options.add(parse(line));
        }
        return options;
    }

    static Option parse(String line) {
        String[] fields = line.trim().split(" +");
        String form = fields[0];
        if (form.startsWith("-H:") || form.startsWith("-R:")) {
            String prefix = form.substring(0, 3);
            if (form.startsWith(prefix + "±")) {
                return new Option(form, prefix + form.substring(4), Kind.BOOLEAN_HOSTED, "", List.of(), false, List.of());
            }
            int equals = form.indexOf("=<");
            require(equals > 0 && form.endsWith(">"), line);
            return new Option(form, form.substring(0, equals), Kind.VALUED_HOSTED, placeholder(form.substring(equals + 1)),
                    List.of(), false, List.of());
        }
        if (fields.length > 2 && fields[1].startsWith("<") && fields[2].startsWith("<")) {
            require(fields[1].equals(fields[2]), line);
            List<String> messages = List.of(String.join(" ", Arrays.asList(fields).subList(3, fields.length)).split(" \\| "));
            require(messages.size() == 2 && messages.stream().noneMatch(String::isEmpty), line);
            return new Option(form, form, Kind.SEPARATE_PAIR, placeholder(fields[1]), List.of(), false, messages);
        }
        if (fields.length > 1 && fields[1].startsWith("<")) {
            String message = String.join(" ", Arrays.asList(fields).subList(2, fields.length));
            require(!message.isEmpty(), line);
            return new Option(form, form, Kind.SEPARATE, placeholder(fields[1]), List.of(), false, List.of(message));
        }
        boolean api = fields.length > 1 && fields[1].equals("api");
        require(fields.length == 1 || api && fields.length == 2, line);
        if (form.contains("[=<")) {
            require(form.endsWith(">]"), line);
            return new Option(form, form.substring(0, form.indexOf("[=<")), Kind.OPTIONAL_VALUE,
                    placeholder(form.substring(form.indexOf("[=<") + 2, form.length() - 1)), List.of(), false, List.of());
        }
        if (form.contains("=<")) {
            require(form.endsWith(">"), line);
            return new Option(form, form.substring(0, form.indexOf("=<")), Kind.VALUE,
                    placeholder(form.substring(form.indexOf("=<") + 1)), List.of(), false, List.of());
        }
        if (form.contains("=")) {
            return new Option(form, form.substring(0, form.indexOf('=')), Kind.CHOICE, "",
                    List.of(form.substring(form.indexOf('=') + 1).split("\\|")), false, List.of());
        }
        if (form.contains("<")) {
            require(form.endsWith(">"), line);
            return new Option(form, form.substring(0, form.indexOf('<')), Kind.PREFIX, placeholder(form.substring(form.indexOf('<'))),
                    List.of(), false, List.of());
        }
        return new Option(form, form, Kind.FLAG, "", List.of(), api, List.of());
    }

    private static String placeholder(String text) {
        require(text.startsWith("<") && text.endsWith(">"), text);
        return text.substring(1, text.length() - 1);
    }

    private static void require(boolean condition, String line) {
        if (!condition) {
            throw new IllegalArgumentException("Not a line native-image.options can have: " + line);
        }
    }
}
