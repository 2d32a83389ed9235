package io.github.scratchpack.nativeimage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
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

    private final HostEnvironment host;
    private final Consumer<String> log;

    /**
     * @param host the machine and user
     * @param log  receives the build's log lines, native-image's own output among them
     */
    public NativeImageBuild(HostEnvironment host, Consumer<String> log) {
        this.host = host;
        this.log = log;
    }

    /**
     * What to build and how.
     *
     * @param request              the application and options
     * @param mode                 where native-image runs
     * @param builderImage         the image with GraalVM and a musl toolchain, for container builds
     * @param graalvmHome          the {@code graalvmHome} parameter, or {@code null}
     * @param toolchainNativeImage {@code native-image} of the Maven toolchain, or {@code null}
     * @param muslCompiler         the {@code muslCompiler} parameter, or {@code null}
     * @param force                whether to build even when nothing changed
     * @param workDirectory        where the argfile and the zlib test go; inside the build directory
     * @param baseDirectory        the project's directory, for relative paths
     */
    public record Settings(NativeImageRequest request, BuildMode mode, String builderImage, Path graalvmHome,
            Path toolchainNativeImage, String muslCompiler, boolean force, Path workDirectory, Path baseDirectory) {
    }

    /**
     * What a run did.
     *
     * @param built      whether native-image ran; {@code false} when the executable was up to date
     * @param duration   how long the whole goal took
     * @param peakMemory the builder's peak memory as native-image reported it, such as {@code 1.41GB}; empty when
     *                   it did not run or did not say
     */
    public record Outcome(boolean built, Path executable, long size, Duration duration, Optional<String> peakMemory) {
    }

    /** Builds the executable, unless it is up to date. */
    public Outcome run(Settings settings) throws NativeImageException, IOException {
        long start = System.nanoTime();
        settings.request().validate();
        Optional<GraalVmInstallation> graalvm = settings.mode() == BuildMode.CONTAINER ? Optional.empty()
                : GraalVmLocator.locate(settings.toolchainNativeImage(), settings.graalvmHome(), host.variables());
        Outcome outcome;
        if (graalvm.isPresent()) {
            outcome = buildLocally(settings, graalvm.get());
        } else if (settings.mode() == BuildMode.LOCAL) {
            throw new NativeImageException("mode is local, but no GraalVM was found (" + searched()
                    + "). Install GraalVM for JDK 17 or newer and set GRAALVM_HOME to its directory.");
        } else {
            ContainerEngine engine = ContainerEngine.locate(host.path()).orElseThrow(() -> noEngine(settings));
            outcome = buildInContainer(settings, engine);
        }
        return new Outcome(outcome.built(), outcome.executable(), outcome.size(), Duration.ofNanos(System.nanoTime() - start),
                outcome.peakMemory());
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
                    exitCode -> "Check that " + graalvm.describe() + " is a working GraalVM.");
        }
        log.accept("native-image version: " + version.firstLine());
        version.requireStaticMuslSupport(graalvm.describe());
        StaticJdkLibrariesCheck.require(graalvm);
        MuslCompiler compiler = MuslCompilerLocator.locate(settings.muslCompiler(), host.path(), settings.baseDirectory());
        String compilerIdentity = compiler.identity();
        MuslZlibCheck.require(compiler, settings.workDirectory());
        log.accept("musl compiler " + compiler.path() + " links zlib statically");

        Path argFile = settings.workDirectory().resolve(ARGFILE);
        NativeImageCommandLine commandLine = NativeImageCommandLine.of(graalvm.nativeImage().toString(),
                NativeImageArguments.builderOptions(request), NativeImageArguments.imageOptions(request, compiler.path()),
                request.mainClass(), argFile.toString());
        BuildInputs inputs = new BuildInputs(key, version.firstLine(), compilerIdentity, allArguments(request, compiler.path()),
                BuildInputs.digest(request.classpath()), BuildInputs.digest(request.configurationDirectories()));
        return buildUnlessUpToDate(settings, stored, inputs, commandLine.command(), commandLine.argFileContent(), argFile);
    }

    private Outcome buildInContainer(Settings settings, ContainerEngine engine) throws NativeImageException, IOException {
        HostPlatformCheck.require(host.osName(), host.osArch(), false);
        String image = settings.builderImage();
        log.accept("No GraalVM on this machine" + (settings.mode() == BuildMode.CONTAINER ? " is used (mode=container)" : " was found")
                + "; building in " + image + " with " + engine.name() + " (" + engine.executable() + ")");
        NativeImageRequest request = settings.request();
        Optional<BuildFingerprint> stored = BuildFingerprint.read(BuildFingerprint.fileFor(request.output()));
        Optional<String> imageId = engine.imageId(image);
        GraalVmVersion version = imageId.flatMap(id -> cachedVersion(stored, containerKey(image, id))).orElse(null);
        if (version == null) {
            version = probeVersion(ContainerLayout.versionCommand(engine, image), exitCode -> exitCode == ENGINE_FAILED
                    ? engine.name() + " could not run the builder image " + image + " (not pulled: no network, no"
                            + " login, or a wrong name?). Pull it with " + engine.name() + " pull " + image + ", set"
                            + " builderImage to an image you have, or install GraalVM and use mode=local."
                    : "Check that the builder image " + image + " has native-image on its PATH.");
            imageId = engine.imageId(image);
        }
        log.accept("native-image version: " + version.firstLine());
        version.requireStaticMuslSupport(image);

        Path buildDirectory = request.output().toAbsolutePath().getParent();
        ContainerLayout layout = new ContainerLayout(buildDirectory, request.classpath());
        NativeImageRequest inContainer = request.relocated(layout::inContainer);
        Path argFile = settings.workDirectory().resolve(ARGFILE);
        NativeImageCommandLine commandLine = NativeImageCommandLine.of("native-image",
                NativeImageArguments.builderOptions(inContainer), NativeImageArguments.imageOptions(inContainer, null),
                inContainer.mainClass(), layout.inContainer(argFile).toString());
        // with a rootless Docker daemon, the container's root is the host user who runs Maven (and the daemon)
        boolean asDaemonUser = engine.rootlessDocker();
        List<String> command = layout.runCommand(engine, image, asDaemonUser ? 0 : host.uid(), asDaemonUser ? 0 : host.gid(),
                commandLine.command().subList(1, commandLine.command().size()));
        BuildInputs inputs = new BuildInputs(containerKey(image, imageId.orElse("unknown")), version.firstLine(),
                MuslCompiler.DEFAULT_NAME + " in " + image, allArguments(inContainer, null),
                BuildInputs.digest(request.classpath()), BuildInputs.digest(request.configurationDirectories()));
        return buildUnlessUpToDate(settings, stored, inputs, command, commandLine.argFileContent(), argFile);
    }

    private Outcome buildUnlessUpToDate(Settings settings, Optional<BuildFingerprint> stored, BuildInputs inputs,
            List<String> command, Optional<String> argFileContent, Path argFile) throws NativeImageException, IOException {
        Path output = settings.request().output();
        Path fingerprintFile = BuildFingerprint.fileFor(output);
        if (!settings.force() && stored.isPresent() && stored.get().matches(inputs, output)) {
            log.accept(output + " is up to date (no input changed since it was built); skipping native-image."
                    + " -Dscratchpack.force=true rebuilds it.");
            return new Outcome(false, output, Files.size(output), Duration.ZERO, Optional.empty());
        }
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
        log.accept(String.join(" ", command));
        Optional<String> peakMemory;
        try (NativeImageOutput printed = new NativeImageOutput(log, settings.workDirectory().resolve(OUTPUT_LOG))) {
            int exitCode = NativeImageProcess.run(command, output.toAbsolutePath().getParent(), printed);
            NativeImageProcess.requireSuccess(exitCode, settings.request().builderMemory(), printed);
            peakMemory = printed.peakMemory();
        }
        if (!Files.isRegularFile(output)) {
            throw new NativeImageException("native-image finished without an error but did not write " + output
                    + ". Check buildArgs for options that change the output name or kind (such as -o or --shared).");
        }
        BuildFingerprint.write(fingerprintFile, inputs, output);
        return new Outcome(true, output, Files.size(output), Duration.ZERO, peakMemory);
    }

    private GraalVmVersion probeVersion(List<String> command, IntFunction<String> advice)
            throws NativeImageException, IOException {
        ShortCommand.Result result = ShortCommand.run(command, Duration.ofMinutes(10));
        if (!result.succeeded()) {
            throw new NativeImageException(String.join(" ", command) + " failed with exit code " + result.exitCode()
                    + ": " + result.output().strip() + ". " + advice.apply(result.exitCode()));
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

    private static List<String> allArguments(NativeImageRequest request, Path compiler) {
        List<String> arguments = new ArrayList<>(NativeImageArguments.builderOptions(request));
        arguments.addAll(NativeImageArguments.imageOptions(request, compiler));
        arguments.add(request.mainClass());
        return arguments;
    }

    private NativeImageException noEngine(Settings settings) {
        if (settings.mode() == BuildMode.CONTAINER) {
            return new NativeImageException("mode is container, but neither podman nor docker is on PATH. Install Podman"
                    + " or Docker, or set <mode>auto</mode> to use a GraalVM on this machine.");
        }
        return new NativeImageException("No GraalVM was found (" + searched() + "), and there is no container engine to"
                + " build in (podman or docker on PATH). Either install GraalVM for JDK 17 or newer and set GRAALVM_HOME"
                + " to its directory, or install Podman or Docker to build inside " + settings.builderImage() + ".");
    }

    private static String searched() {
        return "looked at the Maven toolchain, graalvmHome, GRAALVM_HOME, JAVA_HOME and native-image on PATH";
    }
}
