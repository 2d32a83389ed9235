package io.github.scratchpack.nativeimage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scratchpack.testing.ExternalTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stand-in native-image accepts the options in {@code native-image.options}, in the forms listed there, and
 * refuses anything else with the real builder's error lines and exit code (which StandInMatchesRealBuilderTest
 * checks against a real GraalVM).
 */
class StandInNativeImageTest {
    @TempDir
    Path directory;

    private StandInGraalVm graalvm;
    private Path classpath;

    @BeforeEach
    void setUp() throws Exception {
        graalvm = StandInGraalVm.create(directory.resolve("graalvm")).configure("STANDIN_DELAY=0");
        classpath = Files.createDirectories(directory.resolve("classes"));
    }

    private Path nativeImage() {
        return graalvm.home().resolve("bin/native-image");
    }

    @Test
    void everyOptionOfTheFileIsReadAsOneOfTheKnownForms() throws Exception {
        List<StandInOptions.Option> options = StandInOptions.read();
        assertTrue(options.size() > 40, options.toString());
        for (String sent : List.of("--static", "--libc", "--no-fallback", "-march", "-O", "--native-compiler-path", "-o", "-cp",
                "-J", "--install-exit-handlers", "-H:ConfigurationFileDirectories", "--enable-url-protocols", "--enable-http",
                "--enable-https", "-H:ReportExceptionStackTraces", "-D", "--initialize-at-build-time", "--initialize-at-run-time",
                "--gc", "-g", "--verbose", "--version")) {
            assertTrue(options.stream().anyMatch(option -> option.name().equals(sent)), sent + " is not in native-image.options");
        }
        for (StandInOptions.Option option : options) {
            option.sampleArguments(directory);
        }
    }

    @Test
    void acceptsEveryFormItListsAndBuilds() throws Exception {
        List<String> command = new ArrayList<>(List.of(nativeImage().toString()));
        command.addAll(NativeImageRefusals.everyAcceptedForm(StandInOptions.read(), classpath));
        ExternalTool.Result result = ExternalTool.run(Duration.ofMinutes(1), command);

        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("[8/8] Creating image..."), result.output());
        assertTrue(Files.isRegularFile(classpath.resolve("probe")), "the stand-in wrote no executable to the -o path");
    }

    @Test
    void refusesWhatTheRealBuilderRefusesWithItsErrorLinesAndExitCode() throws Exception {
        List<NativeImageRefusals.Refusal> refusals = new ArrayList<>(NativeImageRefusals.known(classpath));
        refusals.addAll(NativeImageRefusals.wrongForms(StandInOptions.read(), classpath));
        List<String> mismatches = new ArrayList<>();
        for (NativeImageRefusals.Refusal refusal : refusals) {
            mismatches.add(refusal.mismatch(nativeImage()));
        }
        mismatches.removeIf(Objects::isNull);
        assertEquals(List.of(), mismatches, String.join("\n\n", mismatches));
    }

    @Test
    void refusesAWrongOptionInsideAnArgfileToo() throws Exception {
        Path argFile = Files.writeString(directory.resolve("args"), ArgFile.content(List.of("--static", "--libc", "-o",
                directory.resolve("app").toString(), "-cp", classpath.toString())));
        ExternalTool.Result result = ExternalTool.run(Duration.ofMinutes(1), List.of(nativeImage().toString(), "-J-Xmx1g",
                "@" + argFile, "com.example.Main"));

        assertEquals(20, result.exitCode(), result.output());
        assertEquals("Error: Unrecognized option: --libc\n", result.output());
        assertTrue(Files.notExists(directory.resolve("app")));
    }
}
