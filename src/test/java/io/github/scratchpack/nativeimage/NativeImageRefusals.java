package io.github.scratchpack.nativeimage;

import io.github.scratchpack.testing.ExternalTool;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Command lines that native-image refuses, with the real builder's exit code and error lines (GraalVM 23.0,
 * Substrate VM on OpenJDK 17): a fixed list, and a wrong form of every option in {@code native-image.options}.
 * StandInNativeImageTest holds the stand-in to them, StandInMatchesRealBuilderTest the real builder.
 */
final class NativeImageRefusals {
    /** A main class that does not exist: what the real builder reaches when it accepted every option. */
    static final String NO_SUCH_MAIN = "scratchpack.probe.NoSuchMain";
    /** The launcher's exit code when it refuses its arguments itself. */
    static final int LAUNCHER = 20;
    /** The exit code when the image builder refuses an option ({@code -H:}, {@code -R:}, {@code -O}). */
    static final int BUILDER = 1;

    private NativeImageRefusals() {
    }

    /**
     * A refused command line.
     *
     * @param arguments  the arguments, in {@code directory}-independent form but for {@code -cp}
     * @param exitCode   the exit code
     * @param errorLines everything it prints (on stderr)
     * @param anyOrder   whether the lines after "Error: " may come in any order, as the real builder's several
     *                   refused {@code -H:} options do (it prints them in the order of a hash map)
     */
    record Refusal(List<String> arguments, int exitCode, List<String> errorLines, boolean anyOrder) {
        @Override
        public String toString() {
            return String.join(" ", arguments);
        }

        /** Runs native-image with these arguments; fails with what differs. */
        String mismatch(Path nativeImage) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>(List.of(nativeImage.toString()));
            command.addAll(arguments);
            ExternalTool.Result result = ExternalTool.run(Duration.ofMinutes(2), command);
            List<String> lines = result.output().lines()
                    .filter(line -> !line.startsWith("WARNING: Unknown module: jdk.internal.jvmstat")).toList();
            boolean same = anyOrder ? !lines.isEmpty() && lines.get(0).startsWith("Error: ")
                    && unprefixed(lines).equals(unprefixed(errorLines)) : lines.equals(errorLines);
            if (result.exitCode() == exitCode && same) {
                return null;
            }
            return toString() + ": expected exit code " + exitCode + " and\n  " + String.join("\n  ", errorLines)
                    + "\nbut " + nativeImage + " exited with " + result.exitCode() + " and printed\n  "
                    + lines.stream().limit(20).collect(Collectors.joining("\n  "));
        }
    }

    private static Set<String> unprefixed(List<String> lines) {
        Set<String> set = new HashSet<>(lines);
        set.remove(lines.get(0));
        set.add(lines.get(0).replaceFirst("^Error: ", ""));
        return set;
    }

    private static Refusal refusal(int exitCode, List<String> arguments, String... errorLines) {
        return new Refusal(List.copyOf(arguments), exitCode, List.of(errorLines), false);
    }

    private static Refusal refusalInAnyOrder(int exitCode, List<String> arguments, String... errorLines) {
        return new Refusal(List.copyOf(arguments), exitCode, List.of(errorLines), true);
    }

    private static List<String> withMain(Path classpath, String... arguments) {
        List<String> all = new ArrayList<>(List.of(arguments));
        all.addAll(List.of("-cp", classpath.toString(), NO_SUCH_MAIN));
        return all;
    }

    /** Wrong command lines the plugin or its users could send, each with what the real builder says. */
    static List<Refusal> known(Path classpath) {
        return List.of(
                refusal(LAUNCHER, withMain(classpath, "--bogus-option"), "Error: Unrecognized option: --bogus-option"),
                refusal(LAUNCHER, withMain(classpath, "--bogus-one", "--static", "--bogus-two"),
                        "Error: Unrecognized options: --bogus-one, --bogus-two"),
                refusal(LAUNCHER, withMain(classpath, "--libc"), "Error: Unrecognized option: --libc"),
                refusal(LAUNCHER, withMain(classpath, "-H:Bogus=1", "--bogus-option"), "Error: Unrecognized option: --bogus-option"),
                refusal(LAUNCHER, List.of("--static", "-cp", classpath.toString()),
                        "Error: Please specify class (or <module>/<mainclass>) containing the main entry point method. (see --help)"),
                refusal(LAUNCHER, withMain(classpath, "--static=true", "--bogus-option"),
                        "Error: Passing values to option --static= from command line is not supported."),
                refusal(LAUNCHER, List.of("-cp", classpath.toString(), NO_SUCH_MAIN, "image", "extra"), "Error: Unknown argument: extra"),
                refusal(LAUNCHER, List.of("--version", "--static"), "Error: Option --version cannot be combined with other options."),
                refusal(BUILDER, withMain(classpath, "-H:Bogus=1"),
                        "Error: Could not find option 'Bogus'. Use -H:PrintFlags= to list all available options."),
                refusalInAnyOrder(BUILDER, withMain(classpath, "-H:+Bogus", "-H:ReportExceptionStackTraces"),
                        "Error: Could not find option 'Bogus'. Use -H:PrintFlags= to list all available options.",
                        "Boolean option 'ReportExceptionStackTraces' must have +/- prefix"),
                refusal(BUILDER, withMain(classpath, "-H:ConfigurationFileDirectories"),
                        "Error: Missing value for option 'ConfigurationFileDirectories'"),
                refusal(BUILDER, withMain(classpath, "-H:+ReportExceptionStackTraces=true"),
                        "Error: Cannot mix +/- with <name>=<value> format: '-H:+ReportExceptionStackTraces=true'"),
                refusal(BUILDER, withMain(classpath, "-H:"), "Error: Option name must be specified"),
                refusal(BUILDER, withMain(classpath, "-R:Bogus=1"),
                        "Error: Could not find option 'Bogus'. Use -R:PrintFlags= to list all available options."),
                refusal(BUILDER, withMain(classpath, "-H:Bogus=1", "-O"),
                        "Error: Invalid value '' provided for option Optimize (expected 'b' or numeric value >= 0)"));
    }

    /**
     * For every option the stand-in accepts, its wrong forms, with what the real builder says. The real builder
     * reports all unrecognized options in one line, and all refused {@code -H:}/{@code -R:} options one a line, so
     * those come in two command lines; the others stop it at once, so each has its own.
     */
    static List<Refusal> wrongForms(List<StandInOptions.Option> options, Path classpath) {
        List<Refusal> refusals = new ArrayList<>();
        List<String> unrecognized = new ArrayList<>();
        List<String> hosted = new ArrayList<>();
        List<String> hostedErrors = new ArrayList<>();
        for (StandInOptions.Option option : options) {
            String name = option.name();
            switch (option.kind()) {
                case FLAG -> {
                    if (option.api()) {
                        refusals.add(refusal(LAUNCHER, withMain(classpath, name + "=1"),
                                "Error: Passing values to option " + name + "= from command line is not supported."));
                    } else {
                        unrecognized.add(name + "=1");
                    }
                }
                case VALUE -> unrecognized.add(name);
                case OPTIONAL_VALUE -> unrecognized.add(name + "-bogus");
                case CHOICE -> {
                    unrecognized.add(name);
                    refusals.add(refusal(LAUNCHER, withMain(classpath, name + "=bogus"), "Error: In null 'bogus' is not a valid value"
                            + " for the option " + name + ". Supported values are "
                            + option.choices().stream().map(choice -> "'" + choice + "'").collect(Collectors.joining(", "))));
                }
                case SEPARATE -> refusals.add(refusal(LAUNCHER, List.of(NO_SUCH_MAIN, name), "Error: " + option.missingMessages().get(0)));
                case SEPARATE_PAIR -> {
                    refusals.add(refusal(LAUNCHER, List.of(NO_SUCH_MAIN, name), "Error: " + option.missingMessages().get(0)));
                    refusals.add(refusal(LAUNCHER, List.of(NO_SUCH_MAIN, name, StandInOptions.sample(option.placeholder(), classpath)),
                            "Error: " + option.missingMessages().get(1)));
                }
                case PREFIX -> {
                    if (name.equals("-J")) {
                        refusals.add(refusal(LAUNCHER, withMain(classpath, "-J"), "Error: The -J option should not be followed by a space"));
                    } else if (name.equals("-O")) {
                        refusals.add(refusal(BUILDER, withMain(classpath, "-O"),
                                "Error: Invalid value '' provided for option Optimize (expected 'b' or numeric value >= 0)"));
                        refusals.add(refusal(BUILDER, withMain(classpath, "-Oz"),
                                "Error: Invalid value 'z' provided for option Optimize (expected 'b' or numeric value >= 0)"));
                    }
                }
                case BOOLEAN_HOSTED -> {
                    hosted.add(name);
                    hostedErrors.add("Boolean option '" + option.hostedName() + "' must have +/- prefix");
                }
                case VALUED_HOSTED -> {
                    String hostedName = option.hostedName();
                    hosted.add(option.hostedPrefix() + "+" + hostedName);
                    hostedErrors.add("Non-boolean option '" + hostedName + "' can not use +/- prefix. Use '" + hostedName
                            + "=<value>' format");
                    hosted.add(name);
                    hostedErrors.add("Missing value for option '" + hostedName + "'");
                }
                default -> throw new IllegalStateException(option.kind().toString());
            }
        }
        if (!unrecognized.isEmpty()) {
            refusals.add(refusal(LAUNCHER, withMain(classpath, unrecognized.toArray(String[]::new)),
                    (unrecognized.size() == 1 ? "Error: Unrecognized option: " : "Error: Unrecognized options: ")
                            + String.join(", ", unrecognized)));
        }
        if (!hosted.isEmpty()) {
            hostedErrors.set(0, "Error: " + hostedErrors.get(0));
            refusals.add(refusalInAnyOrder(BUILDER, withMain(classpath, hosted.toArray(String[]::new)),
                    hostedErrors.toArray(String[]::new)));
        }
        return refusals;
    }

    /** The arguments that give every option the stand-in accepts, in every accepted form, then the main class. */
    static List<String> everyAcceptedForm(List<StandInOptions.Option> options, Path directory) {
        List<String> arguments = new ArrayList<>();
        for (StandInOptions.Option option : options) {
            if (!option.name().equals("--version")) {
                arguments.addAll(option.sampleArguments(directory));
            }
        }
        arguments.add(NO_SUCH_MAIN);
        return arguments;
    }
}
