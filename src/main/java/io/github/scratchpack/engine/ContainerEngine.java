package io.github.scratchpack.engine;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A local container engine, podman or the Docker Engine, chosen by one rule for every goal that needs one, and the
 * commands the goals send it: load a tarball, look an image up, run, inspect and remove containers.
 */
public final class ContainerEngine {
    private static final Duration LOAD_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration SHORT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(15);

    private final String name;
    private final Path executable;
    private final ProcessRunner runner;

    private ContainerEngine(String name, Path executable, ProcessRunner runner) {
        this.name = name;
        this.executable = executable;
        this.runner = runner;
    }

    /**
     * Chooses the engine.
     *
     * @param environment the environment whose {@code PATH} the engines are looked up on, and that they run in
     * @param setting {@code auto} (docker when its daemon answers, else podman), {@code docker} or {@code podman}
     * @throws EngineException when no engine is usable; the message says what was found and what to do
     */
    public static ContainerEngine choose(Map<String, String> environment, String setting) throws EngineException {
        ProcessRunner runner = new ProcessRunner(environment);
        String wanted = setting == null ? "auto" : setting.trim().toLowerCase(Locale.ROOT);
        switch (wanted) {
            case "docker", "podman" -> {
                Path found = onPath(environment, wanted).orElseThrow(() -> new EngineException(wanted + " is not on the"
                        + " PATH. Install it, or set scratchpack.engine to auto to use whichever engine is there."));
                return new ContainerEngine(wanted, found, runner);
            }
            case "auto" -> {
                return auto(environment, runner);
            }
            default -> throw new EngineException("scratchpack.engine is '" + wanted + "'; it must be auto, docker or"
                    + " podman.");
        }
    }

    private static ContainerEngine auto(Map<String, String> environment, ProcessRunner runner) throws EngineException {
        List<String> why = new ArrayList<>();
        Optional<Path> docker = onPath(environment, "docker");
        if (docker.isPresent()) {
            ProcessRunner.Result version = runner.run(List.of(docker.get().toString(), "version", "--format",
                    "{{.Server.Version}}"), null, PROBE_TIMEOUT);
            if (version.succeeded()) {
                return new ContainerEngine("docker", docker.get(), runner);
            }
            why.add("docker is on the PATH but its daemon does not answer (" + version.firstLine() + ")");
        } else {
            why.add("docker is not on the PATH");
        }
        Optional<Path> podman = onPath(environment, "podman");
        if (podman.isPresent()) {
            return new ContainerEngine("podman", podman.get(), runner);
        }
        why.add("podman is not on the PATH");
        throw new EngineException("No container engine to load the image into: " + String.join("; ", why) + ". Start"
                + " the Docker daemon or install podman; the tarball itself works with skopeo.");
    }

    private static Optional<Path> onPath(Map<String, String> environment, String name) {
        for (String directory : environment.getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, name))) {
                return Optional.of(Path.of(directory, name));
            }
        }
        return Optional.empty();
    }

    /** {@code podman} or {@code docker}. */
    public String name() {
        return name;
    }

    /**
     * Loads a tarball.
     *
     * @return what the engine printed, such as {@code Loaded image: demo/app:1.0}
     * @throws EngineException when the load fails; the message says what to do
     */
    public String load(Path tarball) throws EngineException {
        if (!Files.isRegularFile(tarball)) {
            throw new EngineException("There is no image tarball at " + tarball + ". Run the image goal first, as in"
                    + " 'mvn package scratchpack:load'.");
        }
        return check(runner.run(List.of(executable.toString(), "load"), tarball, LOAD_TIMEOUT), "load").strip();
    }

    /** The server's version, as {@code version --format} reports it. */
    public String version() throws EngineException {
        String format = name.equals("podman") ? "{{.Version}}" : "{{.Server.Version}}";
        return check(command("version", "--format", format), "version").strip();
    }

    /**
     * Whether {@code run -p} can publish a container's ports on the host: always with podman, and with docker only when
     * it has its default {@code bridge} network, which a daemon started with {@code --bridge=none} lacks.
     */
    public boolean canPublishPorts() throws EngineException {
        if (name.equals("podman")) {
            return true;
        }
        return check(command("network", "ls", "--format", "{{.Name}}"), "network ls").lines().map(String::strip)
                .anyMatch("bridge"::equals);
    }

    /** The ID of a local image, or empty when the engine has no image by that reference. */
    public Optional<String> imageId(String reference) throws EngineException {
        ProcessRunner.Result inspect = command("image", "inspect", "--format", "{{.Id}}", reference);
        String id = inspect.output().strip();
        if (!inspect.succeeded() || id.isEmpty() || id.contains("\n")) {
            return Optional.empty();
        }
        return Optional.of(id.startsWith("sha256:") ? id : "sha256:" + id);
    }

    /** Removes image references (tags or IDs), never by force: an image a container still uses stays. */
    public void removeImages(List<String> references) throws EngineException {
        List<String> arguments = new ArrayList<>(List.of("rmi"));
        arguments.addAll(references);
        check(command(arguments.toArray(String[]::new)), "rmi");
    }

    /**
     * Starts a detached container.
     *
     * @param options the options between {@code run -d} and the image, such as {@code --read-only}
     * @param image the image reference or ID
     * @param arguments arguments for the entrypoint
     * @return the container's ID
     */
    public String startContainer(List<String> options, String image, List<String> arguments) throws EngineException {
        List<String> command = new ArrayList<>(List.of("run", "-d"));
        command.addAll(options);
        command.add(image);
        command.addAll(arguments);
        String output = check(command(command.toArray(String[]::new)), "run").strip();
        return output.lines().reduce((first, second) -> second).orElse(output).strip();
    }

    /** A Go template evaluated by {@code inspect} for a container, such as {@code {{.State.Status}}}. */
    public String inspect(String container, String format) throws EngineException {
        return check(command("container", "inspect", "--format", format, container), "inspect").strip();
    }

    /** The container's last log lines, stdout and stderr merged. */
    public List<String> logs(String container, int lines) throws EngineException {
        return command("logs", "--tail", Integer.toString(lines), container).output().lines().toList();
    }

    /** Stops a container with its stop signal (SIGTERM), killing it after the timeout. */
    public void stop(String container, Duration timeout) throws EngineException {
        runner.run(List.of(executable.toString(), "stop", "-t", Long.toString(timeout.toSeconds()), container), null,
                timeout.plus(SHORT_TIMEOUT));
    }

    /** Removes a container, stopped or not. */
    public void removeContainer(String container) throws EngineException {
        check(command("rm", "-f", container), "rm");
    }

    private ProcessRunner.Result command(String... arguments) throws EngineException {
        List<String> command = new ArrayList<>(List.of(executable.toString()));
        command.addAll(List.of(arguments));
        return runner.run(command, null, SHORT_TIMEOUT);
    }

    private String check(ProcessRunner.Result result, String what) throws EngineException {
        if (!result.succeeded()) {
            throw new EngineException(name + " " + what + " failed (exit " + result.exitCode() + "): "
                    + result.firstLine() + ". Check that " + name + " works, as in '" + name + " info'.");
        }
        return result.output();
    }
}
