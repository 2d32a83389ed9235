package io.github.scratchpack.engine;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A container engine, podman or the Docker Engine, chosen by one rule for every goal that needs one (native-image
 * container builds, load, smoke-test), and the commands the goals send it: load a tarball, look an image up, run a
 * container to its end, start, inspect and remove containers.
 *
 * <p>The rule: {@code docker} or {@code podman} when named; {@code auto} takes docker when its daemon answers
 * ({@code docker version} succeeds), else podman when it is on the {@code PATH}. A {@code docker} that is podman's
 * stand-in (podman-docker) answers as well, and is then used as docker.
 *
 * <p>An engine is remote when {@code DOCKER_HOST} (docker) or {@code CONTAINER_HOST} (podman) names anything but a
 * local socket, or when the caller says so. A remote engine cannot see this machine's files: containers get their
 * inputs copied in and their outputs copied out instead of bind mounts, and tarballs are streamed to it.
 */
public final class ContainerEngine {
    private static final Duration LOAD_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration SHORT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(15);

    private static final Duration CREATE_TIMEOUT = Duration.ofMinutes(30);

    private final String name;
    private final Path executable;
    private final ProcessRunner runner;
    private final boolean remote;

    private ContainerEngine(String name, Path executable, ProcessRunner runner, boolean remote) {
        this.name = name;
        this.executable = executable;
        this.runner = runner;
        this.remote = remote;
    }

    /**
     * Chooses the engine.
     *
     * @param environment the environment whose {@code PATH} the engines are looked up on, and that they run in
     * @param setting {@code auto} (docker when its daemon answers, else podman), {@code docker} or {@code podman}
     * @throws EngineException when no engine is usable; the message says what was found and what to do
     */
    public static ContainerEngine choose(Map<String, String> environment, String setting) throws EngineException {
        return choose(environment, setting, false);
    }

    /**
     * Chooses the engine.
     *
     * @param environment the environment whose {@code PATH} the engines are looked up on, and that they run in
     * @param setting {@code auto} (docker when its daemon answers, else podman), {@code docker} or {@code podman}
     * @param remote whether to treat the engine as remote even when its address variable does not say so, as for a
     *               docker context that names a remote daemon
     * @throws EngineException when no engine is usable; the message says what was found and what to do
     */
    public static ContainerEngine choose(Map<String, String> environment, String setting, boolean remote)
            throws EngineException {
        ContainerEngine chosen = choose(environment, setting, new ProcessRunner(environment));
        return new ContainerEngine(chosen.name, chosen.executable, chosen.runner,
                remote || EngineAddress.remote(chosen.name, environment));
    }

    private static ContainerEngine choose(Map<String, String> environment, String setting, ProcessRunner runner)
            throws EngineException {
        String wanted = setting(setting);
        if (wanted.equals("auto")) {
            return auto(environment, runner);
        }
        Path found = onPath(environment, wanted).orElseThrow(() -> new EngineException(wanted + " is not on the"
                + " PATH. Install it, or set scratchpack.engine to auto to use whichever engine is there."));
        return new ContainerEngine(wanted, found, runner, false);
    }

    /**
     * The engine setting in lower case: {@code auto} (also for {@code null}), {@code docker} or {@code podman}.
     *
     * @throws EngineException for any other value, so that a typo fails before anything runs
     */
    public static String setting(String setting) throws EngineException {
        String wanted = setting == null ? "auto" : setting.trim().toLowerCase(Locale.ROOT);
        if (!List.of("auto", "docker", "podman").contains(wanted)) {
            throw new EngineException("scratchpack.engine is '" + wanted + "'; it must be auto, docker or podman.");
        }
        return wanted;
    }

    private static ContainerEngine auto(Map<String, String> environment, ProcessRunner runner) throws EngineException {
        List<String> why = new ArrayList<>();
        Optional<Path> docker = onPath(environment, "docker");
        if (docker.isPresent()) {
            ProcessRunner.Result version = runner.run(List.of(docker.get().toString(), "version", "--format",
                    "{{.Server.Version}}"), null, PROBE_TIMEOUT);
            if (version.succeeded()) {
                return new ContainerEngine("docker", docker.get(), runner, false);
            }
            why.add("docker is on the PATH but its daemon does not answer (" + version.firstLine() + ")");
        } else {
            why.add("docker is not on the PATH");
        }
        Optional<Path> podman = onPath(environment, "podman");
        if (podman.isPresent()) {
            return new ContainerEngine("podman", podman.get(), runner, false);
        }
        why.add("podman is not on the PATH");
        throw new EngineException("No container engine: " + String.join("; ", why) + ". Start the Docker daemon or"
                + " install podman.");
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

    /** Whether the engine cannot see this machine's files, so that containers get them copied. */
    public boolean remote() {
        return remote;
    }

    /** The engine, where it is and whether it is remote, for the log. */
    public String describe() {
        return name + " (" + executable + (remote ? ", remote through " + EngineAddress.variable(name) : "") + ")";
    }

    /**
     * Loads a tarball by streaming it to the engine's standard input, which the client sends over the engine's API:
     * no path of this machine is passed, so a remote engine loads it too.
     *
     * @return what the engine printed, such as {@code Loaded image: demo/app:1.0}
     * @throws EngineException when the load fails; the message says what to do
     */
    public String load(Path tarball) throws EngineException {
        if (!Files.isRegularFile(tarball)) {
            throw new EngineException("There is no image tarball at " + tarball + ". Run the image goal first, as in"
                    + " 'mvn package scratchpack:load'.");
        }
        ProcessRunner.Result loaded = runner.run(List.of(executable.toString(), "load"), tarball, LOAD_TIMEOUT);
        if (!loaded.succeeded()) {
            Optional<String> version = dockerWithoutZstd();
            if (version.isPresent()) {
                throw new EngineException("docker load failed (exit " + loaded.exitCode() + "): " + loaded.firstLine()
                        + ". This Docker Engine is " + version.get() + ", which cannot read zstd-compressed layers"
                        + " (Docker 23 and later can): if the image's layers are zstd, build it with gzip layers, or"
                        + " upgrade the Docker Engine.");
            }
        }
        return check(loaded, "load").strip();
    }

    /** The server version of a Docker Engine older than 23, the first that reads zstd layers; else empty. */
    private Optional<String> dockerWithoutZstd() throws EngineException {
        if (!name.equals("docker")) {
            return Optional.empty();
        }
        ProcessRunner.Result version = command("version", "--format", "{{.Server.Version}}");
        String number = version.output().strip();
        return version.succeeded() && number.matches("(1\\d|2[0-2])\\..*") ? Optional.of(number) : Optional.empty();
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

    /**
     * Whether this is docker and its daemon runs rootless (dockerd-rootless.sh). Then the containers' root is the user
     * who runs the daemon on the host, and every other container user is one of that user's subordinate ids, which can
     * neither write to the user's mounted directories nor leave files that the user owns. False for podman, and when
     * the daemon does not answer.
     */
    public boolean rootlessDocker() throws EngineException {
        if (!name.equals("docker")) {
            return false;
        }
        ProcessRunner.Result info = command("info", "--format", RootlessDocker.SECURITY_OPTIONS_FORMAT);
        return info.succeeded() && RootlessDocker.inSecurityOptions(info.output());
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

    /**
     * A Go template evaluated by {@code inspect} for a container, such as {@code {{.State.Status}}}.
     *
     * @param timeout how long the engine may take to answer
     * @throws EngineException when it fails or takes longer; a caller that can wait may ask again
     */
    public String inspect(String container, String format, Duration timeout) throws EngineException {
        List<String> command = List.of(executable.toString(), "container", "inspect", "--format", format, container);
        return check(runner.run(command, null, timeout), "inspect").strip();
    }

    /** The container's last log lines, stdout and stderr merged. */
    public List<String> logs(String container, int lines) throws EngineException {
        return check(command("logs", "--tail", Integer.toString(lines), container), "logs").lines().toList();
    }

    /**
     * Follows a container's log from its start: one {@code logs --follow} process, which hands on every line as it is
     * printed, stdout and stderr merged, and ends when the container does.
     */
    public BackgroundCommand followLogs(String container, Consumer<String> lines) throws EngineException {
        return runner.background(List.of(executable.toString(), "logs", "--follow", container), lines);
    }

    /**
     * Waits for a container to end: one {@code wait} process, which ends when the container does and prints its exit
     * code.
     */
    public BackgroundCommand awaitExit(String container) throws EngineException {
        return runner.background(List.of(executable.toString(), "wait", container), line -> { });
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

    /**
     * Runs a container to its end, handing on each line it prints as it comes. A local engine bind-mounts the run's
     * mounts; a remote one gets {@code create}, its inputs copied in ({@code cp}), {@code start -a}, and its outputs
     * copied out ({@code cp}), each written under a temporary name and then moved into place. The container is removed
     * afterwards, also when the run fails, times out, or the thread is interrupted, and when the JVM exits meanwhile.
     *
     * @param lines receives the container's output, stdout and stderr merged, and the engine's own messages
     * @param timeout how long the container may run
     * @return the exit code: the container's, or the engine's own (125 with docker and podman) when it could not run it
     * @throws InterruptedException when the thread is interrupted; the container is removed first
     */
    public int run(ContainerRun run, Consumer<String> lines, Duration timeout) throws EngineException, InterruptedException {
        try (ContainerCleanup cleanup = ContainerCleanup.register(run.name(), () -> removeQuietly(run.name()))) {
            if (!remote) {
                return runner.stream(commandLine(run), null, lines, timeout);
            }
            int created = runner.stream(commandLine(run), null, lines, CREATE_TIMEOUT);
            if (created != 0) {
                return created;
            }
            copyIn(run);
            int exitCode = runner.stream(List.of(executable.toString(), "start", "-a", run.name()), null, lines, timeout);
            if (exitCode == 0) {
                copyOut(run);
            }
            return exitCode;
        } finally {
            removeQuietly(run.name());
        }
    }

    /** The command line that starts the run: {@code run} for a local engine, {@code create} for a remote one. */
    public List<String> commandLine(ContainerRun run) {
        return remote ? RunCommandLine.create(executable.toString(), run) : RunCommandLine.run(executable.toString(), run);
    }

    private void copyIn(ContainerRun run) throws EngineException {
        if (run.copiedIn().isEmpty()) {
            return;
        }
        Path archive = null;
        try {
            archive = Files.createTempFile("scratchpack-copy-in-", ".tar");
            try (OutputStream out = Files.newOutputStream(archive)) {
                CopyInArchive.write(run.copiedIn(), out);
            }
            check(runner.run(List.of(executable.toString(), "cp", "-", run.name() + ":/"), archive, LOAD_TIMEOUT), "cp");
        } catch (IOException e) {
            throw new EngineException("Packing the build's inputs for " + name + " cp failed: " + e.getMessage() + ".", e);
        } finally {
            ProcessRunner.deleteQuietly(archive);
        }
    }

    private void copyOut(ContainerRun run) throws EngineException {
        for (Mount output : run.copiedOut()) {
            Path partial = output.host().resolveSibling("." + output.host().getFileName() + "." + run.name() + ".part");
            try {
                Files.createDirectories(output.host().getParent());
                check(runner.run(List.of(executable.toString(), "cp", run.name() + ":" + output.container(),
                        partial.toString()), null, LOAD_TIMEOUT), "cp");
                Files.move(partial, output.host(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new EngineException("Moving " + partial + " to " + output.host() + " failed: " + e.getMessage() + ".", e);
            } finally {
                ProcessRunner.deleteQuietly(partial);
            }
        }
    }

    private void removeQuietly(String container) {
        try {
            runner.run(List.of(executable.toString(), "rm", "-f", container), null, SHORT_TIMEOUT);
        } catch (EngineException e) {
            // the container is gone already, or the engine is; nothing else can be done about it here
        }
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
