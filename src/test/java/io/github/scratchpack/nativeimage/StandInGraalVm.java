package io.github.scratchpack.nativeimage;

import io.github.scratchpack.testing.StaticBinaries;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A fake GraalVM home whose {@code bin/native-image} is the stand-in script {@code src/test/standin/native-image},
 * with beside it {@code native-image.options}, the options it accepts (anything else it refuses as the real builder
 * does); it has a {@code release} file, {@code lib/static/linux-amd64/musl/libjava.a}, and at {@code lib/standin/app} a
 * static executable (the test HTTP server, built with {@code musl-gcc -static}) that the stand-in writes to its
 * {@code -o} path. Public, so that the integration tests' hook scripts can make one too.
 */
public final class StandInGraalVm {
    private static final Path SCRIPT = Path.of("src/test/standin/native-image").toAbsolutePath();
    /** The options the stand-in accepts, and in which form; it reads them from beside itself. */
    static final Path OPTIONS = Path.of("src/test/standin/native-image.options").toAbsolutePath();

    private final Path home;

    private StandInGraalVm(Path home) {
        this.home = home;
    }

    /** Makes a stand-in GraalVM home in {@code home}, which need not exist. */
    public static StandInGraalVm create(Path home) throws IOException, InterruptedException {
        Files.createDirectories(home.resolve("bin"));
        Files.createDirectories(home.resolve("lib/static/linux-amd64/musl"));
        Files.createDirectories(home.resolve("lib/standin"));
        Files.copy(SCRIPT, home.resolve("bin/native-image"), StandardCopyOption.REPLACE_EXISTING);
        home.resolve("bin/native-image").toFile().setExecutable(true);
        Files.copy(OPTIONS, home.resolve("bin/native-image.options"), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"25.0.1\"\nIMPLEMENTOR=\"GraalVM Community\"\n",
                StandardCharsets.UTF_8);
        Files.writeString(home.resolve("lib/static/linux-amd64/musl/libjava.a"), "!<arch>\n", StandardCharsets.US_ASCII);
        StaticBinaries.staticServer(home.resolve("lib/standin"), "app");
        return new StandInGraalVm(home);
    }

    /** The home directory. */
    public Path home() {
        return home;
    }

    /** The static executable the stand-in writes. */
    public Path binary() {
        return home.resolve("lib/standin/app");
    }

    /** Where the stand-in records its calls. */
    public Path record() {
        return home.resolve("invocations.log");
    }

    /** Sets stand-in settings (shell assignments such as {@code STANDIN_FAILURE=oom}), replacing earlier ones. */
    public StandInGraalVm configure(String... assignments) throws IOException {
        Files.writeString(home.resolve("bin/native-image.standin"), String.join("\n", assignments) + "\n",
                StandardCharsets.UTF_8);
        return this;
    }

    /** The calls recorded so far. */
    public List<Invocation> invocations() throws IOException {
        return Invocation.read(record());
    }

    /** The calls that built an image (not {@code --version}). */
    public List<Invocation> builds() throws IOException {
        return invocations().stream().filter(invocation -> !invocation.arguments().equals(List.of("--version"))).toList();
    }

    /**
     * One recorded call of the stand-in.
     *
     * @param header        {@code invocation cwd=... uid=...}
     * @param arguments     its arguments
     * @param argFileLines  the lines of any {@code @argfile} it was given
     */
    public record Invocation(String header, List<String> arguments, List<String> argFileLines) {
        /** Reads a record file; an absent file has no calls. */
        public static List<Invocation> read(Path file) throws IOException {
            List<Invocation> invocations = new ArrayList<>();
            if (!Files.exists(file)) {
                return invocations;
            }
            String header = null;
            List<String> arguments = new ArrayList<>();
            List<String> argFileLines = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.startsWith("invocation ")) {
                    header = line;
                    arguments = new ArrayList<>();
                    argFileLines = new ArrayList<>();
                } else if (line.startsWith("arg ")) {
                    arguments.add(line.substring(4));
                } else if (line.startsWith("argfile-line ")) {
                    argFileLines.add(line.substring("argfile-line ".length()));
                } else if (line.equals("end")) {
                    invocations.add(new Invocation(header, List.copyOf(arguments), List.copyOf(argFileLines)));
                }
            }
            return invocations;
        }

        /** The value after an option such as {@code -o} or {@code -cp}, looking in the argfile too. */
        public String valueOf(String option) {
            List<String> all = new ArrayList<>(arguments);
            argFileLines.forEach(all::add);
            int index = all.indexOf(option);
            return index < 0 || index + 1 >= all.size() ? null : all.get(index + 1);
        }
    }
}
