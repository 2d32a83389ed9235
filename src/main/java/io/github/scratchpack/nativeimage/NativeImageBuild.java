package io.github.scratchpack.nativeimage;

import io.github.scratchpack.engine.ContainerEngine;
import io.github.scratchpack.engine.ContainerRun;
import io.github.scratchpack.engine.EngineException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Builds the static executable: finds GraalVM (or a container engine), checks the prerequisites in seconds, skips
 * the build when nothing changed, and otherwise runs native-image with its output streamed into the log.
 */
public final class NativeImageBuild {
    /** The exit code docker and podman give when they themselves fail, such as when an image cannot be pulled. */
    private static final int ENGINE_FAILED = 125;
    private static final String ARGFILE = "native-image.args";
    private static final String OUTPUT_LOG = "native-image.log";
    /** How long a container build may run; GraalVM builds of large applications take tens of minutes. */
    private static final Duration BUILD_TIMEOUT = Duration.ofHours(3);
    /** How long the builder image's {@code native-image --version} may take, including pulling the image. */
    private static final Duration PROBE_TIMEOUT = Duration.ofMinutes(30);

    /** The environment variable whose options the native-image launcher adds to its arguments. */
    private static final String NATIVE_IMAGE_OPTIONS = "NATIVE_IMAGE_OPTIONS";

    private final HostEnvironment host;
    private final Consumer<String> log;
    private final Path cpuInfo;

    /**
     * @param host the machine and user
     * @param log  receives the build's log lines, native-image's own output among them
     */
    public NativeImageBuild(HostEnvironment host, Consumer<String> log) {
        this(host, log, HostCpu.CPU_INFO);
    }

    /** A build that reads what identifies the CPU from {@code cpuInfo} instead of {@code /proc/cpuinfo}. */
    NativeImageBuild(HostEnvironment host, Consumer<String> log, Path cpuInfo) {
        this.host = host;
        this.log = log;
        this.cpuInfo = cpuInfo;
    }

    /**
     * What to build and how.
     *
     * @param request              the application and options
     * @param mode                 where native-image runs
     * @param container            the builder image and the engine that runs it, for container builds
     * @param graalvmHome          the {@code graalvmHome} parameter, or {@code null}
     * @param toolchainNativeImage {@code native-image} of the Maven toolchain, or {@code null}
     * @param muslCompiler         the {@code muslCompiler} parameter, or {@code null}
     * @param force                whether to build even when nothing changed
     * @param workDirectory        where the argfile and the zlib test go; inside the build directory
     * @param baseDirectory        the project's directory, for relative paths
     */
    public record Settings(NativeImageRequest request, BuildMode mode, BuilderContainer container, Path graalvmHome,
            Path toolchainNativeImage, String muslCompiler, boolean force, Path workDirectory, Path baseDirectory) {
    }

    /**
     * What a run did.
     *
     * @param built      whether native-image ran; {@code false} when the executable was up to date
     * @param duration   how long the whole goal took
     * @param peakMemory the builder's peak memory as native-image reported it, such as {@code 1.41GB}; empty when
     *                   it did not run or did not say
     * @param builder    the version line of the native-image that built the executable, such as
     *                   {@code native-image 21.0.2 2024-01-16}
     * @param digest     the executable's {@code sha256:<hex>} digest, as the up-to-date check or the fingerprint of
     *                   the build found it, so that later goals need not read it again
     */
    public record Outcome(boolean built, Path executable, long size, Duration duration, Optional<String> peakMemory,
            String builder, String digest) {
    }

    /** Builds the executable, unless it is up to date. */
    public Outcome run(Settings settings) throws NativeImageException, IOException {
        long start = System.nanoTime();
        settings.request().validate();
        try {
            ContainerEngine.setting(settings.container().engine());
        } catch (EngineException e) {
            throw new NativeImageException(e.getMessage(), e);
        }
        Optional<GraalVmInstallation> graalvm = settings.mode() == BuildMode.CONTAINER ? Optional.empty()
                : GraalVmLocator.locate(settings.toolchainNativeImage(), settings.graalvmHome(), host.variables());
        Outcome outcome;
        if (graalvm.isPresent()) {
            outcome = buildLocally(settings, graalvm.get());
        } else if (settings.mode() == BuildMode.LOCAL) {
            throw new NativeImageException("mode is local, but no GraalVM was found (" + searched()
                    + "). Install GraalVM for JDK 17 or newer and set GRAALVM_HOME to its directory.");
        } else {
            outcome = buildInContainer(settings, chooseEngine(settings));
        }
        return new Outcome(outcome.built(), outcome.executable(), outcome.size(), Duration.ofNanos(System.nanoTime() - start),
                outcome.peakMemory(), outcome.builder(), outcome.digest());
    }

    private Outcome buildLocally(Settings settings, GraalVmInstallation graalvm) throws NativeImageException, IOException {
        HostPlatformCheck.require(host.osName(), host.osArch(), true);
        log.accept("GraalVM " + graalvm.describe());
        NativeImageRequest request = settings.request();
        Optional<BuildFingerprint> stored = BuildFingerprint.read(BuildFingerprint.fileFor(request.output()));
        String key = localKey(graalvm);
        GraalVmVersion version = cachedVersion(stored, key).orElse(null);
        if (version == null) {
            version = probeVersion(List.of(graalvm.nativeImage().toString(), "--version"),
                    "Check that " + graalvm.describe() + " is a working GraalVM.");
        }
        log.accept("native-image version: " + version.firstLine());
        version.requireStaticMuslSupport(graalvm.describe());
        StaticJdkLibrariesCheck.require(graalvm);
        MuslCompiler compiler = MuslCompilerLocator.locate(settings.muslCompiler(), host.path(), settings.baseDirectory());
        String compilerIdentity = compiler.identity();

        Path argFile = settings.workDirectory().resolve(ARGFILE);
        NativeImageCommandLine commandLine = NativeImageCommandLine.of(graalvm.nativeImage().toString(),
                NativeImageArguments.builderOptions(request), NativeImageArguments.imageOptions(request, compiler.path()),
                request.mainClass(), argFile.toString());
        BuildInputs inputs = new BuildInputs(key, version.firstLine(), compilerIdentity, allArguments(request, compiler.path()),
                BuildInputs.digest(request.classpath()), BuildInputs.digest(request.configurationDirectories()),
                namedFiles(request, true), hostInputs(request, true));
        List<String> command = commandLine.command();
        // linking zlib takes a compiler run; an executable that is up to date needs no linking
        BeforeBuild zlibCheck = () -> {
            MuslZlibCheck.require(compiler, settings.workDirectory());
            log.accept("musl compiler " + compiler.path() + " links zlib statically");
        };
        return buildUnlessUpToDate(settings, stored, inputs, String.join(" ", command), zlibCheck,
                lines -> NativeImageProcess.run(command, request.output().toAbsolutePath().getParent(), lines),
                commandLine.argFileContent(), argFile);
    }

    private Outcome buildInContainer(Settings settings, ContainerEngine engine) throws NativeImageException, IOException {
        HostPlatformCheck.require(host.osName(), host.osArch(), false);
        String image = settings.container().image();
        log.accept("No GraalVM on this machine" + (settings.mode() == BuildMode.CONTAINER ? " is used (mode=container)" : " was found")
                + "; building in " + image + " with " + engine.describe());
        NativeImageRequest request = settings.request();
        Optional<BuildFingerprint> stored = BuildFingerprint.read(BuildFingerprint.fileFor(request.output()));
        Optional<String> imageId = imageId(engine, image);
        GraalVmVersion version = imageId.flatMap(id -> cachedVersion(stored, containerKey(image, id))).orElse(null);
        if (version == null) {
            version = probeVersion(engine, ContainerLayout.version(containerName(request.output()), image,
                    settings.container().runOptions()));
            imageId = imageId(engine, image);
        }
        log.accept("native-image version: " + version.firstLine());
        version.requireStaticMuslSupport(image);

        Path buildDirectory = request.output().toAbsolutePath().getParent();
        ContainerLayout layout = new ContainerLayout(buildDirectory, settings.workDirectory(), request.classpath());
        NativeImageRequest inContainer = request.relocated(layout::inContainer);
        Path argFile = settings.workDirectory().resolve(ARGFILE);
        NativeImageCommandLine commandLine = NativeImageCommandLine.of("native-image",
                NativeImageArguments.builderOptions(inContainer), NativeImageArguments.imageOptions(inContainer, null),
                inContainer.mainClass(), layout.inContainer(argFile).toString());
        ContainerRun run = buildRun(engine, layout, containerName(request.output()), image, request.output(),
                settings.container().runOptions(),
                commandLine.command().subList(1, commandLine.command().size()));
        BuildInputs inputs = new BuildInputs(containerKey(image, imageId.orElse("unknown")), version.firstLine(),
                MuslCompiler.DEFAULT_NAME + " in " + image, allArguments(inContainer, null),
                BuildInputs.digest(request.classpath()), BuildInputs.digest(request.configurationDirectories()),
                namedFiles(request, false), hostInputs(request, false));
        return buildUnlessUpToDate(settings, stored, inputs, String.join(" ", engine.commandLine(run)), () -> { },
                lines -> runContainer(engine, run, lines, BUILD_TIMEOUT), commandLine.argFileContent(), argFile);
    }

    private ContainerEngine chooseEngine(Settings settings) throws NativeImageException {
        try {
            return ContainerEngine.choose(host.variables(), settings.container().engine(),
                    settings.container().remoteEngine());
        } catch (EngineException e) {
            throw new NativeImageException(noEngine(settings) + " (" + e.getMessage() + ")", e);
        }
    }

    private GraalVmVersion probeVersion(ContainerEngine engine, ContainerRun probe) throws NativeImageException, IOException {
        String image = probe.image();
        StringBuilder output = new StringBuilder();
        int exitCode = runContainer(engine, probe, line -> output.append(line).append('\n'), PROBE_TIMEOUT);
        if (exitCode != 0) {
            throw new NativeImageException(engine.name() + " run " + image + " native-image --version failed with exit"
                    + " code " + exitCode + ": " + output.toString().strip() + ". " + (exitCode == ENGINE_FAILED
                    ? engine.name() + " could not run the builder image " + image + " (not pulled: no network, no"
                            + " login, or a wrong name?). Pull it with " + engine.name() + " pull " + image + ", set"
                            + " builderImage to an image you have, or install GraalVM and use mode=local."
                    : "Check that the builder image " + image + " has native-image on its PATH."));
        }
        return new GraalVmVersion(output.toString());
    }

    private ContainerRun buildRun(ContainerEngine engine, ContainerLayout layout, String name, String image, Path output,
            List<String> runOptions, List<String> arguments) throws NativeImageException {
        try {
            return layout.build(engine, name, image, host.uid(), host.gid(), output, runOptions, arguments);
        } catch (EngineException e) {
            throw new NativeImageException(e.getMessage(), e);
        }
    }

    private static Optional<String> imageId(ContainerEngine engine, String image) throws NativeImageException {
        try {
            return engine.imageId(image);
        } catch (EngineException e) {
            throw new NativeImageException(e.getMessage(), e);
        }
    }

    /** Runs a container, turning the engine's failures and an interrupt into this package's exceptions. */
    private static int runContainer(ContainerEngine engine, ContainerRun run, Consumer<String> lines, Duration timeout)
            throws NativeImageException, IOException {
        try {
            return engine.run(run, lines, timeout);
        } catch (EngineException e) {
            throw new NativeImageException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while the builder container " + run.name() + " ran; it was removed", e);
        }
    }

    /**
     * A container name of this build only: the executable's name, so that {@code ps} says which module builds, and a
     * random part, so that modules of one parallel reactor, and builds of the same project, never share one.
     */
    private static String containerName(Path output) {
        String executable = output.getFileName().toString().replaceAll("[^a-zA-Z0-9_.-]", "-");
        return "scratchpack-native-" + executable + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Runs native-image, on this machine or in a container, handing on its output lines; returns its exit code. */
    private interface Execution {
        int run(Consumer<String> lines) throws NativeImageException, IOException;
    }

    /** A check that only a build needs, made once it is clear that native-image will run. */
    private interface BeforeBuild {
        void check() throws NativeImageException, IOException;
    }

    private Outcome buildUnlessUpToDate(Settings settings, Optional<BuildFingerprint> stored, BuildInputs inputs,
            String description, BeforeBuild beforeBuild, Execution execution, Optional<String> argFileContent,
            Path argFile) throws NativeImageException, IOException {
        Path output = settings.request().output();
        Path fingerprintFile = BuildFingerprint.fileFor(output);
        if (!settings.force() && stored.isPresent() && stored.get().matches(inputs, output)) {
            stored.get().restamp(fingerprintFile, output);
            log.accept(output + " is up to date (no input changed since it was built); skipping native-image."
                    + " -Dscratchpack.force=true rebuilds it.");
            return new Outcome(false, output, Files.size(output), Duration.ZERO, Optional.empty(), inputs.graalvmVersion(),
                    stored.get().outputDigest());
        }
        beforeBuild.check();
        if (settings.force()) {
            log.accept("Building: force is set");
        } else if (stored.isPresent()) {
            log.accept("Building: " + stored.get().differenceFrom(inputs));
        }
        Files.deleteIfExists(fingerprintFile);
        Files.createDirectories(output.toAbsolutePath().getParent());
        if (argFileContent.isPresent()) {
            Files.createDirectories(argFile.getParent());
            Files.writeString(argFile, argFileContent.get(), StandardCharsets.UTF_8);
            log.accept("The image options are in " + argFile);
        }
        log.accept(description);
        Optional<String> peakMemory;
        try (NativeImageOutput printed = new NativeImageOutput(log, settings.workDirectory().resolve(OUTPUT_LOG))) {
            int exitCode = execution.run(printed);
            NativeImageProcess.requireSuccess(exitCode, settings.request().builderMemory(), printed);
            peakMemory = printed.peakMemory();
        }
        if (!Files.isRegularFile(output)) {
            throw new NativeImageException("native-image finished without an error but did not write " + output
                    + ". Check buildArgs for options that change the output name or kind (such as -o or --shared).");
        }
        String digest = BuildFingerprint.write(fingerprintFile, inputs, output);
        return new Outcome(true, output, Files.size(output), Duration.ZERO, peakMemory, inputs.graalvmVersion(), digest);
    }

    private GraalVmVersion probeVersion(List<String> command, String advice)
            throws NativeImageException, IOException {
        ShortCommand.Result result = ShortCommand.run(command, Duration.ofMinutes(10));
        if (!result.succeeded()) {
            throw new NativeImageException(String.join(" ", command) + " failed with exit code " + result.exitCode()
                    + ": " + result.output().strip() + ". " + advice);
        }
        return new GraalVmVersion(result.output());
    }

    private static Optional<GraalVmVersion> cachedVersion(Optional<BuildFingerprint> stored, String key) {
        return stored.filter(fingerprint -> fingerprint.value("graalvm").equals(Optional.of(key)))
                .flatMap(fingerprint -> fingerprint.value("version")).map(GraalVmVersion::new);
    }

    /** Identifies a local GraalVM without running it: its launcher's bytes and its {@code release} file. */
    private static String localKey(GraalVmInstallation graalvm) throws IOException {
        Path release = graalvm.home().resolve("release");
        return "launcher " + ContentDigest.of(graalvm.nativeImage().toRealPath())
                + (Files.isRegularFile(release) ? " release " + ContentDigest.of(release) : "");
    }

    private static String containerKey(String image, String imageId) {
        return "image " + image + " " + imageId;
    }

    /**
     * The files that buildArgs, and on this machine {@code NATIVE_IMAGE_OPTIONS}, name, taken from native-image's
     * working directory (the build directory, also in a container).
     */
    private List<String> namedFiles(NativeImageRequest request, boolean local) throws IOException {
        List<String> arguments = new ArrayList<>(request.buildArgs());
        if (local) {
            arguments.addAll(NamedInputFiles.tokens(host.variables().getOrDefault(NATIVE_IMAGE_OPTIONS, "")));
        }
        return NamedInputFiles.digest(arguments, request.output().toAbsolutePath().getParent());
    }

    /**
     * What the build reads from the machine: {@code NATIVE_IMAGE_OPTIONS}, which the local native-image reads (a
     * container does not get it), and the CPU, which {@code -march=native} compiles for.
     */
    private List<String> hostInputs(NativeImageRequest request, boolean local) {
        List<String> lines = new ArrayList<>();
        String options = host.variables().get(NATIVE_IMAGE_OPTIONS);
        if (local && options != null) {
            lines.add(NATIVE_IMAGE_OPTIONS + " " + options);
        }
        if ("native".equals(request.march()) || request.buildArgs().contains("-march=native")) {
            lines.add("cpu " + HostCpu.identity(cpuInfo));
        }
        return lines;
    }

    private static List<String> allArguments(NativeImageRequest request, Path compiler) {
        List<String> arguments = new ArrayList<>(NativeImageArguments.builderOptions(request));
        arguments.addAll(NativeImageArguments.imageOptions(request, compiler));
        arguments.add(request.mainClass());
        return arguments;
    }

    private String noEngine(Settings settings) {
        if (settings.mode() == BuildMode.CONTAINER) {
            return "mode is container, but there is no container engine to build in. Install Podman or Docker, or set"
                    + " <mode>auto</mode> to use a GraalVM on this machine.";
        }
        return "No GraalVM was found (" + searched() + "), and there is no container engine to build in. Either install"
                + " GraalVM for JDK 17 or newer and set GRAALVM_HOME to its directory, or install Podman or Docker to"
                + " build inside " + settings.container().image() + ".";
    }

    private static String searched() {
        return "looked at the Maven toolchain, graalvmHome, GRAALVM_HOME, JAVA_HOME and native-image on PATH";
    }
}
