package io.github.scratchpack.engine;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Loads an image tarball into a local container engine by piping it into {@code docker load} or
 * {@code podman load}, as jib's {@code dockerBuild} puts an image into the local engine.
 */
public final class ContainerEngine {
    private static final long LOAD_TIMEOUT_MINUTES = 10;
    private static final long PROBE_TIMEOUT_SECONDS = 15;

    private final Map<String, String> environment;

    /** @param environment the environment whose {@code PATH} the engines are looked up on */
    public ContainerEngine(Map<String, String> environment) {
        this.environment = environment;
    }

    /**
     * Loads a tarball.
     *
     * @param tarball the image tarball
     * @param setting {@code auto}, {@code docker} or {@code podman}
     * @return what the engine printed, such as {@code Loaded image: demo/app:1.0}
     * @throws LoadException when no engine is usable or the load fails; the message says what to do
     */
    public String load(Path tarball, String setting) throws LoadException {
        if (!Files.isRegularFile(tarball)) {
            throw new LoadException("There is no image tarball at " + tarball + ". Run the image goal first, as in"
                    + " 'mvn package scratchpack:load'.");
        }
        Path engine = choose(setting == null ? "auto" : setting.trim().toLowerCase(Locale.ROOT));
        Run run = run(List.of(engine.toString(), "load"), tarball, TimeUnit.MINUTES.toSeconds(LOAD_TIMEOUT_MINUTES));
        if (run.exitCode() != 0) {
            throw new LoadException(engine.getFileName() + " load failed (exit " + run.exitCode() + "): "
                    + firstLine(run.output()) + ". Check that " + engine.getFileName() + " works, as in '"
                    + engine.getFileName() + " info'.");
        }
        return run.output().strip();
    }

    private Path choose(String setting) throws LoadException {
        switch (setting) {
            case "docker", "podman" -> {
                return onPath(setting).orElseThrow(() -> new LoadException(setting + " is not on the PATH. Install it,"
                        + " or set scratchpack.engine to auto to use whichever engine is there."));
            }
            case "auto" -> {
                return auto();
            }
            default -> throw new LoadException("scratchpack.engine is '" + setting + "'; it must be auto, docker or"
                    + " podman.");
        }
    }

    private Path auto() throws LoadException {
        List<String> why = new ArrayList<>();
        Optional<Path> docker = onPath("docker");
        if (docker.isPresent()) {
            Run version = run(List.of(docker.get().toString(), "version", "--format", "{{.Server.Version}}"), null,
                    PROBE_TIMEOUT_SECONDS);
            if (version.exitCode() == 0) {
                return docker.get();
            }
            why.add("docker is on the PATH but its daemon does not answer (" + firstLine(version.output()) + ")");
        } else {
            why.add("docker is not on the PATH");
        }
        Optional<Path> podman = onPath("podman");
        if (podman.isPresent()) {
            return podman.get();
        }
        why.add("podman is not on the PATH");
        throw new LoadException("No container engine to load the image into: " + String.join("; ", why) + ". Start"
                + " the Docker daemon or install podman; the tarball itself works with skopeo.");
    }

    private Optional<Path> onPath(String name) {
        for (String directory : environment.getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, name))) {
                return Optional.of(Path.of(directory, name));
            }
        }
        return Optional.empty();
    }

    private record Run(int exitCode, String output) {
    }

    private static Run run(List<String> command, Path input, long timeoutSeconds) throws LoadException {
        Path output = null;
        try {
            output = Files.createTempFile("scratchpack-engine-", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.redirectInput(input == null ? ProcessBuilder.Redirect.from(new File("/dev/null")) : ProcessBuilder.Redirect.from(input.toFile()));
            Process process = builder.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new LoadException(String.join(" ", command) + " did not finish within " + timeoutSeconds
                        + " s. Check that the engine works.");
            }
            return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new LoadException("Running " + command.get(0) + " failed: " + e.getMessage() + ".", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoadException("Loading the image was interrupted.", e);
        } finally {
            deleteQuietly(output);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a leftover temporary log file is harmless
            }
        }
    }

    private static String firstLine(String text) {
        return text.lines().filter(line -> !line.isBlank()).findFirst().orElse("no output").strip();
    }
}
