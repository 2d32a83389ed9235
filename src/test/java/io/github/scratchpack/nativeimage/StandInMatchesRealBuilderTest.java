package io.github.scratchpack.nativeimage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.scratchpack.testing.ExternalTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real tier: holds the stand-in's {@code native-image.options} against the real builder at
 * {@code $GRAALVM_HOME/bin/native-image}. Every option the stand-in accepts exists there in the same form, the real
 * builder accepts all of them, and it refuses the wrong forms with the error lines and exit codes the stand-in
 * gives. No image is built: the command lines fail in seconds, at the latest when the main class is not found.
 * Without GRAALVM_HOME (or with a stand-in there) the tests are skipped, and fail when {@code CI=true}.
 */
class StandInMatchesRealBuilderTest {
    @TempDir
    Path directory;

    private Path nativeImage;
    private Path classpath;

    @BeforeEach
    void setUp() throws IOException {
        nativeImage = realBuilder();
        classpath = Files.createDirectories(directory.resolve("classes"));
    }

    /** The real builder's launcher, or skips the test (fails it under {@code CI=true}). */
    private static Path realBuilder() throws IOException {
        String home = System.getenv("GRAALVM_HOME");
        if (home == null || home.isBlank()) {
            return skip("GRAALVM_HOME is not set; the real tier needs GRAALVM_HOME set to a GraalVM with native-image");
        }
        Path launcher = Path.of(home, "bin", "native-image");
        if (!Files.isExecutable(launcher)) {
            fail("GRAALVM_HOME is " + home + ", which has no executable bin/native-image; the real tier needs GRAALVM_HOME"
                    + " set to a GraalVM with native-image");
        }
        if (Files.exists(launcher.resolveSibling("native-image.options")) || Files.exists(launcher.resolveSibling("native-image.standin"))
                || Files.readString(launcher, StandardCharsets.ISO_8859_1).contains("A stand-in for GraalVM's native-image launcher")) {
            return skip("GRAALVM_HOME is " + home + ", a stand-in of the tests, not a real builder; the real tier needs"
                    + " GRAALVM_HOME set to a GraalVM with native-image");
        }
        return launcher;
    }

    private static Path skip(String message) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message + " - CI=true, so this test fails instead of skipping");
        }
        Assumptions.abort(message);
        return null;
    }

    private String run(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(nativeImage.toString()));
        command.addAll(List.of(arguments));
        return ExternalTool.run(Duration.ofMinutes(2), command).checked(command);
    }

    @Test
    void everyOptionOfTheStandInExistsInTheRealBuilderInTheSameForm() throws Exception {
        Set<String> standard = new HashSet<>();
        for (String line : (run("--help") + run("--help-extra")).lines().toList()) {
            String stripped = line.strip();
            if (stripped.startsWith("-")) {
                standard.add(stripped.split("[ =<\\[]", 2)[0]);
            }
        }
        Set<String> booleans = new HashSet<>();
        Set<String> valued = new HashSet<>();
        for (String line : run("--expert-options-all").lines().toList()) {
            if (line.startsWith("  -H:") || line.startsWith("  -R:")) {
                String option = line.strip().split(" ", 2)[0];
                String prefix = option.substring(0, 3);
                if (option.startsWith(prefix + "±")) {
                    booleans.add(prefix + option.substring(4));
                } else if (option.contains("=")) {
                    valued.add(option.substring(0, option.indexOf('=')));
                }
            }
        }
        assertTrue(standard.containsAll(List.of("-cp", "-J", "-D", "--static", "-o")), standard.toString());
        assertTrue(booleans.size() > 100 && valued.size() > 100, booleans.size() + " boolean, " + valued.size() + " valued");

        List<String> missing = new ArrayList<>();
        for (StandInOptions.Option option : StandInOptions.read()) {
            boolean found = switch (option.kind()) {
                case BOOLEAN_HOSTED -> booleans.contains(option.name());
                case VALUED_HOSTED -> valued.contains(option.name());
                default -> standard.contains(option.name());
            };
            if (!found) {
                String other = option.kind() == StandInOptions.Kind.BOOLEAN_HOSTED && valued.contains(option.name())
                        ? " (the real builder has it with a value, -H:Name=...)"
                        : option.kind() == StandInOptions.Kind.VALUED_HOSTED && booleans.contains(option.name())
                                ? " (the real builder has it as a boolean, -H:±Name)" : "";
                missing.add(option.form() + other);
            }
        }
        assertEquals(List.of(), missing, "native-image.options has options the real builder does not have in that form");
    }

    @Test
    void theRealBuilderAcceptsEveryFormTheStandInAccepts() throws Exception {
        List<String> command = new ArrayList<>(List.of(nativeImage.toString()));
        command.addAll(NativeImageRefusals.everyAcceptedForm(StandInOptions.read(), classpath));
        ExternalTool.Result result = ExternalTool.run(Duration.ofMinutes(2), command);

        String firstError = result.output().lines().filter(line -> line.startsWith("Error:")).findFirst().orElse("(none)");
        assertEquals(NativeImageRefusals.BUILDER, result.exitCode(), result.output());
        assertEquals("Error: Main entry point class '" + NativeImageRefusals.NO_SUCH_MAIN + "' neither found on ", firstError,
                "the real builder refused one of\n" + String.join(" ", command) + "\n" + result.output());
    }

    @Test
    void theRealBuilderRefusesWhatTheStandInRefusesWithTheSameErrorLinesAndExitCode() throws Exception {
        List<NativeImageRefusals.Refusal> refusals = new ArrayList<>(NativeImageRefusals.known(classpath));
        refusals.addAll(NativeImageRefusals.wrongForms(StandInOptions.read(), classpath));
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())));
        try {
            List<Future<String>> results = new ArrayList<>();
            for (NativeImageRefusals.Refusal refusal : refusals) {
                results.add(pool.submit(() -> refusal.mismatch(nativeImage)));
            }
            List<String> mismatches = new ArrayList<>();
            for (Future<String> result : results) {
                mismatches.add(result.get());
            }
            mismatches.removeIf(Objects::isNull);
            assertEquals(List.of(), mismatches, String.join("\n\n", mismatches));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theRealBuilderRefusesAnOptionTheStandInRefuses() throws Exception {
        ExternalTool.Result result = ExternalTool.run(Duration.ofMinutes(2), List.of(nativeImage.toString(), "--bogus-option",
                "-cp", classpath.toString(), NativeImageRefusals.NO_SUCH_MAIN));
        assertNotEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("Error: Unrecognized option: --bogus-option"), result.output());
    }
}
