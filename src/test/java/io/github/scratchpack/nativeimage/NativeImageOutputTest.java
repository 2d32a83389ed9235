package io.github.scratchpack.nativeimage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the build log shows of native-image's output, and what a failure and the summary take from it. */
class NativeImageOutputTest {
    @TempDir
    Path directory;

    private final List<String> logged = new ArrayList<>();

    private NativeImageOutput feed(String... lines) throws Exception {
        NativeImageOutput output = new NativeImageOutput(logged::add, directory.resolve("work/native-image.log"));
        for (String line : lines) {
            output.accept(line);
        }
        output.close();
        return output;
    }

    @Test
    void aLinkFailureEndsWithWhyAndNotWithTheLinkerCommand() throws Exception {
        String linkerCommand = "/usr/bin/x86_64-linux-musl-gcc -z noexecstack -Wl,--gc-sections " + "-L/lib ".repeat(20_000)
                + "-lz -ldl -lpthread -lrt";
        NativeImageOutput output = feed(
                "[7/8] Laying out methods...      [***]      (4.2s @ 1.10GB)",
                "[8/8] Creating image...          [**]       (3.1s @ 1.21GB)",
                "------------------------------------------------------------------------------------------------------------------------",
                "Fatal error: java.lang.RuntimeException: There was an error linking the native image: Linker command exited with 1",
                "",
                "Based on the linker command output, possible reasons for this include:",
                "1. It appears as though libz.a is missing. Please install it.",
                "",
                "Linker command executed:",
                linkerCommand,
                "",
                "Linker command output:",
                "/usr/bin/ld: cannot find -lz: No such file or directory",
                "collect2: error: ld returned 1 exit status",
                "",
                "Please inspect the generated error report at:",
                "/p/target/svm_err_b_20261130T223000.000_pid1234.md",
                "",
                "Error: Image build request failed with exit status 1");

        assertEquals(List.of(
                "Fatal error: java.lang.RuntimeException: There was an error linking the native image: Linker command exited with 1",
                "Based on the linker command output, possible reasons for this include:",
                "1. It appears as though libz.a is missing. Please install it.",
                "Linker command output:",
                "/usr/bin/ld: cannot find -lz: No such file or directory",
                "collect2: error: ld returned 1 exit status",
                "Error: Image build request failed with exit status 1"), output.failureReasons());
        String loggedCommand = logged.stream().filter(line -> line.startsWith("/usr/bin/x86_64-linux-musl-gcc")).findFirst().orElseThrow();
        assertTrue(loggedCommand.length() < NativeImageOutput.LONGEST_LOGGED_LINE + 200, "the linker command reached the log whole");
        assertTrue(loggedCommand.endsWith("more characters, in full in " + output.file() + ")"), loggedCommand);
        assertTrue(Files.readAllLines(output.file()).contains(linkerCommand), "the log file keeps the whole line");
    }

    @Test
    void aClassMissingAtBuildTimeIsNamed() throws Exception {
        NativeImageOutput output = feed(
                "[2/8] Performing analysis...  [****]",
                "Error: Discovered unresolved type during parsing: org.example.Missing. This error is reported at image build time"
                        + " because class org.example.App is registered for linking at image build time by command line",
                "com.oracle.graal.pointsto.constraints.UnresolvedElementException: Discovered unresolved type during parsing: org.example.Missing.",
                "\tat parsing org.example.App.main(App.java:5)",
                "Error: Use -H:+ReportExceptionStackTraces to print stacktrace of underlying exception",
                "Error: Image build request failed with exit status 1");

        List<String> reasons = output.failureReasons();
        assertEquals(3, reasons.size(), reasons.toString());
        assertTrue(reasons.get(0).startsWith("Error: Discovered unresolved type during parsing: org.example.Missing."), reasons.get(0));
    }

    @Test
    void withoutErrorLinesTheLastLinesSayWhy() throws Exception {
        NativeImageOutput output = feed("[1/8] Initializing...", "Segmentation fault (core dumped)", "");
        assertEquals(List.of("[1/8] Initializing...", "Segmentation fault (core dumped)"), output.failureReasons());
    }

    @Test
    void peakMemoryComesFromNativeImagesSummary() throws Exception {
        assertEquals(Optional.of("1.41GB"), feed(
                "                        4.4s (4.8% of total time) in 44 GCs | Peak RSS: 1.41GB | CPU load: 1.97").peakMemory());
        assertEquals(Optional.empty(), feed("Finished generating 'app' in 1.6s.").peakMemory());
    }
}
