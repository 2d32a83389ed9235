package io.github.scratchpack.nativeimage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scratchpack.elf.StaticExecutableCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Runs whole builds against the stand-in native-image, with the real musl toolchain (Debian's musl-gcc, and zlib
 * built with it) for the preflight checks.
 */
class NativeImageBuildTest {
    @TempDir
    Path directory;

    private StandInGraalVm graalvm;
    private Path compiler;
    private Path target;
    private Path appJar;
    private Path dependency;
    private final List<String> log = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        graalvm = StandInGraalVm.create(directory.resolve("graalvm")).configure("STANDIN_DELAY=0");
        compiler = MuslZlibToolchain.compiler();
        target = Files.createDirectories(directory.resolve("project/target"));
        appJar = Files.writeString(target.resolve("app-1.0.jar"), "the application");
        dependency = Files.writeString(Files.createDirectories(directory.resolve("repository")).resolve("lib-2.0.jar"), "a library");
    }

    private HostEnvironment host(Map<String, String> variables) {
        return new HostEnvironment(variables, "Linux", "amd64", 1000, 1000);
    }

    private Map<String, String> withGraalvmHome() {
        Map<String, String> variables = new HashMap<>();
        variables.put("GRAALVM_HOME", graalvm.home().toString());
        variables.put("PATH", compiler.getParent() + ":/usr/bin:/bin");
        return variables;
    }

    private NativeImageRequest request(List<Path> classpath, List<String> buildArgs) {
        return new NativeImageRequest("com.example.Main", classpath, target.resolve("app"), buildArgs, false, "compatibility", null, List.of());
    }

    private NativeImageBuild.Settings settings(NativeImageRequest request, BuildMode mode, String muslCompiler, boolean force) {
        return new NativeImageBuild.Settings(request, mode, new BuilderContainer("example.org/builder:1", "auto", false,
                List.of()), null, null, muslCompiler, force,
                target.resolve("scratchpack-native"), directory.resolve("project"));
    }

    private NativeImageBuild.Outcome build(Map<String, String> variables, NativeImageBuild.Settings settings) throws Exception {
        return new NativeImageBuild(host(variables), log::add).run(settings);
    }

    @Test
    void buildsTheStaticExecutableWithTheRequiredArguments() throws Exception {
        NativeImageBuild.Outcome outcome = build(withGraalvmHome(),
                settings(request(List.of(appJar, dependency), List.of("-H:+ReportExceptionStackTraces")), BuildMode.AUTO, null, false));

        assertTrue(outcome.built());
        Path output = target.resolve("app");
        assertArrayEquals(Files.readAllBytes(graalvm.binary()), Files.readAllBytes(output));
        assertNotNull(StaticExecutableCheck.check(output));
        assertEquals(Files.size(output), outcome.size());
        List<StandInGraalVm.Invocation> builds = graalvm.builds();
        assertEquals(1, builds.size());
        assertEquals(List.of("--static", "--libc=musl", "--no-fallback", "-march=compatibility", "--install-exit-handlers",
                "--native-compiler-path=" + compiler, "-o", output.toString(), "-cp", appJar + ":" + dependency,
                "-H:+ReportExceptionStackTraces", "com.example.Main"), builds.get(0).arguments());
        assertTrue(builds.get(0).header().contains("cwd=" + target), builds.get(0).header());
        assertTrue(log.contains("GraalVM " + graalvm.home() + " (from GRAALVM_HOME)"), String.join("\n", log));
        assertTrue(log.contains("native-image version: native-image 25.0.1 2025-10-21"), String.join("\n", log));
        assertTrue(log.stream().anyMatch(line -> line.startsWith("[8/8] Creating image...")), String.join("\n", log));
        assertTrue(Files.isRegularFile(target.resolve("app.fingerprint")));
    }

    @Test
    void theStandInThatRefusesWhatTheRealBuilderRefusesAcceptsEverythingThePluginSends() throws Exception {
        // Quick build, builder memory, the musl compiler, a -march and reachability metadata: every option the
        // plugin has. The buildArgs are options users pass.
        List<Path> metadata = List.of(Files.createDirectories(directory.resolve("metadata/a")),
                Files.createDirectories(directory.resolve("metadata/b")));
        List<String> buildArgs = List.of("--enable-url-protocols=http,https", "--enable-http", "--enable-https",
                "-H:+ReportExceptionStackTraces", "-Dapp.mode=production", "--initialize-at-build-time",
                "--initialize-at-build-time=com.example.config", "--initialize-at-run-time=com.example.Random", "--gc=serial", "-g",
                "--verbose", "-O3", "-march=native", "-J-Dfile.encoding=UTF-8");
        NativeImageRequest request = new NativeImageRequest("com.example.Main", List.of(appJar, dependency), target.resolve("app"),
                buildArgs, true, "x86-64-v2", "3g", metadata);

        NativeImageBuild.Outcome outcome = build(withGraalvmHome(), settings(request, BuildMode.AUTO, null, false));

        assertTrue(outcome.built());
        assertTrue(Files.isRegularFile(target.resolve("app")));
        List<String> arguments = graalvm.builds().get(0).arguments();
        assertTrue(arguments.containsAll(buildArgs), arguments.toString());
        assertTrue(arguments.containsAll(List.of("-J-Xmx3g", "-Ob", "-march=x86-64-v2", "--native-compiler-path=" + compiler,
                "--install-exit-handlers", "-H:ConfigurationFileDirectories=" + metadata.get(0) + "," + metadata.get(1))),
                arguments.toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--libc | 20 | Error: Unrecognized option: --libc",
            "--enable-url-protocols | 20 | Error: Unrecognized option: --enable-url-protocols",
            "--static=true | 20 | Error: Passing values to option --static= from command line is not supported.",
            "-H:Bogus=1 | 1 | Error: Could not find option 'Bogus'. Use -H:PrintFlags= to list all available options.",
            "-H:ReportExceptionStackTraces | 1 | Error: Boolean option 'ReportExceptionStackTraces' must have +/- prefix",
            "-H:ConfigurationFileDirectories | 1 | Error: Missing value for option 'ConfigurationFileDirectories'"})
    void aWrongBuildArgIsRefusedAsTheRealBuilderRefusesItAndTheBuildFailsNamingIt(String buildArg, int exitCode, String error)
            throws Exception {
        NativeImageException failure = assertThrows(NativeImageException.class, () -> build(withGraalvmHome(),
                settings(request(List.of(appJar), List.of(buildArg)), BuildMode.AUTO, null, false)));

        assertTrue(failure.getMessage().contains("exit code " + exitCode), failure.getMessage());
        assertTrue(log.contains(error), "native-image's error line is in the build log:\n" + String.join("\n", log));
        assertTrue(failure.getMessage().contains(error), "the failure names native-image's reason: " + failure.getMessage());
        assertFalse(Files.exists(target.resolve("app")));
        assertFalse(Files.exists(target.resolve("app.fingerprint")), "a refused build is tried again next time");
    }

    @Test
    void aWrongBuildArgInTheArgfileIsRefusedToo() throws Exception {
        List<Path> classpath = new ArrayList<>(List.of(appJar));
        for (int i = 0; i < 120; i++) {
            classpath.add(Files.writeString(directory.resolve("repository").resolve("dependency-with-a-long-name-" + i + ".jar"), "jar " + i));
        }
        NativeImageException failure = assertThrows(NativeImageException.class, () -> build(withGraalvmHome(),
                settings(request(classpath, List.of("--bogus-option")), BuildMode.AUTO, null, false)));

        assertTrue(failure.getMessage().contains("exit code 20"), failure.getMessage());
        assertTrue(log.contains("Error: Unrecognized option: --bogus-option"), String.join("\n", log));
        assertTrue(failure.getMessage().contains("Error: Unrecognized option: --bogus-option"), failure.getMessage());
        assertTrue(graalvm.builds().get(0).argFileLines().contains("--bogus-option"), "the argument went through the argfile");
    }

    @Test
    void secondBuildWithNothingChangedDoesNotCallNativeImage() throws Exception {
        NativeImageBuild.Settings settings = settings(request(List.of(appJar, dependency), List.of()), BuildMode.AUTO, null, false);
        build(withGraalvmHome(), settings);
        int calls = graalvm.invocations().size();
        log.clear();

        NativeImageBuild.Outcome second = build(withGraalvmHome(), settings);

        assertFalse(second.built());
        assertEquals(calls, graalvm.invocations().size(), "the stand-in was called again, --version included");
        assertEquals(1, log.stream().filter(line -> line.contains("is up to date")).count(), String.join("\n", log));
        assertTrue(log.contains("native-image version: native-image 25.0.1 2025-10-21"), "the cached version is still logged");
    }

    @Test
    void changedDependencyContentArgumentOrForceRebuilds() throws Exception {
        build(withGraalvmHome(), settings(request(List.of(appJar, dependency), List.of()), BuildMode.AUTO, null, false));

        Files.writeString(dependency, "a library, patched");
        assertTrue(build(withGraalvmHome(), settings(request(List.of(appJar, dependency), List.of()), BuildMode.AUTO, null, false)).built());
        assertTrue(log.stream().anyMatch(line -> line.startsWith("Building: classpath changed")), String.join("\n", log));

        assertTrue(build(withGraalvmHome(), settings(request(List.of(appJar, dependency), List.of("-H:+TraceNativeToolUsage")), BuildMode.AUTO, null, false)).built());
        assertTrue(log.stream().anyMatch(line -> line.startsWith("Building: argument changed: argument -H:+TraceNativeToolUsage")), String.join("\n", log));

        assertFalse(build(withGraalvmHome(), settings(request(List.of(appJar, dependency), List.of("-H:+TraceNativeToolUsage")), BuildMode.AUTO, null, false)).built());
        assertTrue(build(withGraalvmHome(), settings(request(List.of(appJar, dependency), List.of("-H:+TraceNativeToolUsage")), BuildMode.AUTO, null, true)).built());
        assertEquals(4, graalvm.builds().size());
    }

    @Test
    void editingAFileOrDirectoryThatBuildArgsNameBuildsAgain() throws Exception {
        Path configuration = Files.createDirectories(directory.resolve("project/src/native"));
        Files.writeString(configuration.resolve("reflect-config.json"), "[ ]");
        Path resources = Files.writeString(directory.resolve("project/resource-config.json"), "{ }");
        NativeImageBuild.Settings settings = settings(request(List.of(appJar), List.of("-H:ConfigurationFileDirectories="
                + configuration, "-H:ResourceConfigurationFiles=../resource-config.json")), BuildMode.AUTO, null, false);
        build(withGraalvmHome(), settings);
        assertFalse(build(withGraalvmHome(), settings).built());

        Files.writeString(configuration.resolve("reflect-config.json"), "[ { \"name\" : \"com.example.Plugin\" } ]");
        assertTrue(build(withGraalvmHome(), settings).built(), "an edit in the directory -H:ConfigurationFileDirectories names");
        assertTrue(log.stream().anyMatch(line -> line.startsWith("Building: file changed: file sha256:")
                && line.endsWith(" " + configuration)), String.join("\n", log));

        Files.writeString(resources, "{ \"resources\" : { } }");
        assertTrue(build(withGraalvmHome(), settings).built(), "an edit of the file named relative to the build directory");
        assertFalse(build(withGraalvmHome(), settings).built());
        assertEquals(3, graalvm.builds().size());
    }

    @Test
    void editingAnArgfileOrWhatItNamesBuildsAgain() throws Exception {
        Path reflection = Files.writeString(directory.resolve("project/reflect-config.json"), "[ ]");
        Path argFile = Files.writeString(directory.resolve("project/native-image.args"),
                "-H:ReflectionConfigurationFiles=\"" + reflection + "\"\n");
        NativeImageBuild.Settings settings = settings(request(List.of(appJar), List.of("@" + argFile)), BuildMode.AUTO,
                null, false);
        build(withGraalvmHome(), settings);
        assertFalse(build(withGraalvmHome(), settings).built());

        Files.writeString(reflection, "[ { \"name\" : \"com.example.Plugin\" } ]");
        assertTrue(build(withGraalvmHome(), settings).built(), "an edit of the file the argfile names");
        Files.writeString(argFile, "-H:ReflectionConfigurationFiles=" + reflection + "\n-H:+ReportExceptionStackTraces\n");
        assertTrue(build(withGraalvmHome(), settings).built(), "an edit of the argfile");
        assertFalse(build(withGraalvmHome(), settings).built());
    }

    @Test
    void nativeImageOptionsFromTheEnvironmentAreAnInput() throws Exception {
        NativeImageBuild.Settings settings = settings(request(List.of(appJar), List.of()), BuildMode.AUTO, null, false);
        build(withGraalvmHome(), settings);
        Map<String, String> variables = withGraalvmHome();
        variables.put("NATIVE_IMAGE_OPTIONS", "-H:+ReportExceptionStackTraces");

        assertTrue(build(variables, settings).built());
        assertTrue(log.contains("Building: host changed: host NATIVE_IMAGE_OPTIONS -H:+ReportExceptionStackTraces"),
                String.join("\n", log));
        assertFalse(build(variables, settings).built());
    }

    @Test
    void underMarchNativeAnotherCpuBuildsAgain() throws Exception {
        Path cpuInfo = Files.writeString(directory.resolve("cpuinfo"), "processor\t: 0\nvendor_id\t: GenuineIntel\n"
                + "model name\t: Intel(R) Xeon(R) CPU E5-2680 v4\nflags\t\t: fpu sse4_2 avx2\ncpu MHz\t\t: 2400.000\n\n"
                + "processor\t: 1\nvendor_id\t: GenuineIntel\n");
        NativeImageRequest nativeCpu = new NativeImageRequest("com.example.Main", List.of(appJar), target.resolve("app"),
                List.of(), false, "native", null, List.of());
        NativeImageBuild builder = new NativeImageBuild(host(withGraalvmHome()), log::add, cpuInfo);
        builder.run(settings(nativeCpu, BuildMode.AUTO, null, false));
        Files.writeString(cpuInfo, Files.readString(cpuInfo).replace("cpu MHz\t\t: 2400.000", "cpu MHz\t\t: 1200.000"));
        assertFalse(builder.run(settings(nativeCpu, BuildMode.AUTO, null, false)).built(), "the clock speed is no input");

        Files.writeString(cpuInfo, Files.readString(cpuInfo).replace("avx2", "avx2 avx512f"));
        assertTrue(builder.run(settings(nativeCpu, BuildMode.AUTO, null, false)).built());
        assertTrue(log.stream().anyMatch(line -> line.startsWith("Building: host changed: host cpu sha256:")),
                String.join("\n", log));

        NativeImageRequest compatible = request(List.of(appJar), List.of());
        builder.run(settings(compatible, BuildMode.AUTO, null, false));
        Files.writeString(cpuInfo, "model name\t: another machine\n");
        assertFalse(builder.run(settings(compatible, BuildMode.AUTO, null, false)).built(),
                "-march=compatibility does not depend on the CPU");
    }

    @Test
    void replacedExecutableIsRebuilt() throws Exception {
        NativeImageBuild.Settings settings = settings(request(List.of(appJar), List.of()), BuildMode.AUTO, null, false);
        build(withGraalvmHome(), settings);
        Files.writeString(target.resolve("app"), "not what native-image wrote");

        assertTrue(build(withGraalvmHome(), settings).built());
        assertArrayEquals(Files.readAllBytes(graalvm.binary()), Files.readAllBytes(target.resolve("app")));
    }

    @Test
    void longCommandLinePutsTheImageOptionsIntoAnArgfileAndKeepsTheMainClassOutside() throws Exception {
        List<Path> classpath = new ArrayList<>(List.of(appJar));
        for (int i = 0; i < 120; i++) {
            classpath.add(Files.writeString(directory.resolve("repository").resolve("dependency-with-a-long-name-" + i + ".jar"), "jar " + i));
        }
        NativeImageRequest request = new NativeImageRequest("com.example.Main", classpath, target.resolve("app"), List.of(),
                true, "compatibility", "6g", List.of());
        build(withGraalvmHome(), settings(request, BuildMode.AUTO, null, false));

        StandInGraalVm.Invocation invocation = graalvm.builds().get(0);
        Path argFile = target.resolve("scratchpack-native/native-image.args");
        assertEquals(List.of("-J-Xmx6g", "@" + argFile, "com.example.Main"), invocation.arguments());
        String joined = classpath.stream().map(Path::toString).collect(Collectors.joining(":"));
        assertEquals(List.of("--static", "--libc=musl", "--no-fallback", "-march=compatibility", "--install-exit-handlers", "-Ob",
                "--native-compiler-path=" + compiler, "-o", target.resolve("app").toString(), "-cp", joined),
                invocation.argFileLines());
        assertTrue(Files.isRegularFile(target.resolve("app")));
    }

    @Test
    void tooOldGraalvmIsRefusedBeforeTheBuild() throws Exception {
        graalvm.configure("STANDIN_VERSION='GraalVM 22.3.0 Java 17 CE (Java Version 17.0.5+8-jvmci-22.3-b08)'");
        NativeImageException failure = assertThrows(NativeImageException.class, () -> build(withGraalvmHome(),
                settings(request(List.of(appJar), List.of()), BuildMode.AUTO, null, false)));
        assertTrue(failure.getMessage().contains("is too old"), failure.getMessage());
        assertTrue(failure.getMessage().contains("GraalVM for JDK 17 or newer"), failure.getMessage());
        assertEquals(List.of(), graalvm.builds());
    }

    @Test
    void missingStaticJdkLibrariesAreReportedBeforeTheBuild() throws Exception {
        Files.delete(graalvm.home().resolve("lib/static/linux-amd64/musl/libjava.a"));
        NativeImageException failure = assertThrows(NativeImageException.class, () -> build(withGraalvmHome(),
                settings(request(List.of(appJar), List.of()), BuildMode.AUTO, null, false)));
        assertTrue(failure.getMessage().contains("lib/static/linux-amd64/musl"), failure.getMessage());
        assertEquals(List.of(), graalvm.builds());
    }

    @Test
    void missingMuslCompilerFailsInSecondsNamingIt() throws Exception {
        Map<String, String> variables = withGraalvmHome();
        variables.put("PATH", directory.toString());
        long start = System.nanoTime();
        NativeImageException failure = assertThrows(NativeImageException.class, () -> build(variables,
                settings(request(List.of(appJar), List.of()), BuildMode.AUTO, null, false)));
        assertTrue((System.nanoTime() - start) / 1_000_000_000.0 < 10);
        assertTrue(failure.getMessage().contains("x86_64-linux-musl-gcc is not on PATH"), failure.getMessage());
        assertEquals(List.of(), graalvm.builds());
    }

    @Test
    void muslCompilerWithoutZlibFailsNamingZlib() throws Exception {
        NativeImageException failure = assertThrows(NativeImageException.class, () -> build(withGraalvmHome(),
                settings(request(List.of(appJar), List.of()), BuildMode.AUTO, "musl-gcc", false)));
        assertTrue(failure.getMessage().contains("cannot link zlib statically"), failure.getMessage());
        assertTrue(failure.getMessage().contains("cannot find -lz"), failure.getMessage());
        assertEquals(List.of(), graalvm.builds());
    }

    @Test
    void killedBuildNamesBuilderMemoryAndLeavesNoFingerprint() throws Exception {
        graalvm.configure("STANDIN_DELAY=0", "STANDIN_FAILURE=oom");
        NativeImageException failure = assertThrows(NativeImageException.class, () -> build(withGraalvmHome(),
                settings(request(List.of(appJar), List.of()), BuildMode.AUTO, null, false)));
        assertTrue(failure.getMessage().contains("exit code 137"), failure.getMessage());
        assertTrue(failure.getMessage().contains("builderMemory"), failure.getMessage());
        assertFalse(Files.exists(target.resolve("app.fingerprint")));
    }

    @Test
    void failedBuildShowsNativeImageErrorsAndIsRetriedNextTime() throws Exception {
        graalvm.configure("STANDIN_DELAY=0", "STANDIN_FAILURE=no-zlib");
        NativeImageBuild.Settings settings = settings(request(List.of(appJar), List.of()), BuildMode.AUTO, null, false);
        NativeImageException failure = assertThrows(NativeImageException.class, () -> build(withGraalvmHome(), settings));
        assertTrue(failure.getMessage().contains("exit code 1"), failure.getMessage());
        assertTrue(log.contains("1. It appears as though libz.a is missing. Please install it."), String.join("\n", log));

        graalvm.configure("STANDIN_DELAY=0");
        assertTrue(build(withGraalvmHome(), settings).built());
    }

    @Test
    void neitherGraalvmNorEngineNamesBothWaysOut() {
        Map<String, String> variables = Map.of("PATH", directory.toString(), "JAVA_HOME", System.getProperty("java.home"));
        NativeImageException failure = assertThrows(NativeImageException.class, () -> build(variables,
                settings(request(List.of(appJar), List.of()), BuildMode.AUTO, null, false)));
        assertTrue(failure.getMessage().contains("set GRAALVM_HOME"), failure.getMessage());
        assertTrue(failure.getMessage().contains("install Podman or Docker"), failure.getMessage());
    }

    @Test
    void localModeWithoutGraalvmNamesGraalvmHome() {
        NativeImageException failure = assertThrows(NativeImageException.class, () -> build(Map.of("PATH", "/usr/bin:/bin"),
                settings(request(List.of(appJar), List.of()), BuildMode.LOCAL, null, false)));
        assertTrue(failure.getMessage().startsWith("mode is local, but no GraalVM was found"), failure.getMessage());
        assertTrue(failure.getMessage().contains("GRAALVM_HOME"), failure.getMessage());
    }

    @Test
    void containerModeWithoutEngineSaysSo() throws IOException {
        Map<String, String> variables = withGraalvmHome();
        variables.put("PATH", compiler.getParent().toString());
        NativeImageException failure = assertThrows(NativeImageException.class, () -> build(variables,
                settings(request(List.of(appJar), List.of()), BuildMode.CONTAINER, null, false)));
        assertTrue(failure.getMessage().startsWith("mode is container, but there is no container engine to build in."),
                failure.getMessage());
        assertTrue(failure.getMessage().contains("docker is not on the PATH; podman is not on the PATH"), failure.getMessage());
        assertEquals(List.of(), graalvm.invocations());
    }

    @Test
    void invalidSettingsFailBeforeAnythingRuns() throws IOException {
        NativeImageRequest badMemory = new NativeImageRequest("com.example.Main", List.of(appJar), target.resolve("app"),
                List.of(), false, "compatibility", "8 GB", List.of());
        NativeImageException failure = assertThrows(NativeImageException.class, () -> build(withGraalvmHome(),
                settings(badMemory, BuildMode.AUTO, null, false)));
        assertTrue(failure.getMessage().startsWith("builderMemory \"8 GB\" is not a JVM heap size"), failure.getMessage());
        assertEquals(List.of(), graalvm.invocations());
        assertFalse(Files.exists(target.resolve("app")));
    }

    @Test
    void aMisspelledEngineFailsBeforeAnythingRunsEvenWithALocalGraalvm() throws IOException {
        NativeImageBuild.Settings settings = new NativeImageBuild.Settings(request(List.of(appJar), List.of()),
                BuildMode.AUTO, new BuilderContainer("example.org/builder:1", "Dokcer", false, List.of()), null, null,
                null, false, target.resolve("scratchpack-native"), directory.resolve("project"));
        NativeImageException failure = assertThrows(NativeImageException.class, () -> build(withGraalvmHome(), settings));
        assertEquals("scratchpack.engine is 'dokcer'; it must be auto, docker or podman.", failure.getMessage());
        assertEquals(List.of(), graalvm.invocations());
        assertFalse(Files.exists(target.resolve("app")));
    }
}
