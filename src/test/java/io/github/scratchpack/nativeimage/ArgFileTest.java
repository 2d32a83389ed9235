package io.github.scratchpack.nativeimage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.scratchpack.testing.ExternalTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Argfiles read back by the real {@code java} launcher, whose parser native-image's is a port of: every argument
 * must arrive unchanged, however many spaces, quotes, backslashes and {@code #} it holds.
 */
class ArgFileTest {
    @TempDir
    Path directory;

    @Test
    void theJavaLauncherReadsBackEveryArgumentUnchanged() throws Exception {
        Path program = Files.writeString(directory.resolve("PrintArguments.java"),
                "public class PrintArguments { public static void main(String[] a) {"
                        + " for (String s : a) System.out.print(\"[\" + s + \"]\\n\"); } }\n");
        List<String> arguments = List.of("--static", "-H:Name=with space", "C:\\dir\\file", "say \"hi\"", "it's",
                "#not-a-comment", "a#b", "tab\there", "", "-cp", "/a/b.jar:/c d/e.jar");
        List<String> fileArguments = new ArrayList<>(List.of(program.toString()));
        fileArguments.addAll(arguments);
        Path argFile = Files.writeString(directory.resolve("args"), ArgFile.content(fileArguments));

        String output = ExternalTool.run(Duration.ofMinutes(2), List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + argFile)).checked(List.of("java", "@" + argFile));

        StringBuilder expected = new StringBuilder();
        arguments.forEach(argument -> expected.append('[').append(argument).append("]\n"));
        assertEquals(expected.toString(), output);
    }

    @Test
    void plainArgumentsStayUnquotedOneALine() {
        assertEquals("--static\n-o\n/target/app\n", ArgFile.content(List.of("--static", "-o", "/target/app")));
    }
}
