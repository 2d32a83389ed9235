package io.github.scratchpack.nativeimage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The exact arguments for a request, and when they go into an argfile. */
class NativeImageCommandLineTest {
    private static NativeImageRequest request(List<Path> classpath, boolean quick, String memory, List<String> buildArgs) {
        return new NativeImageRequest("com.example.Main", classpath, Path.of("/p/target/app"), buildArgs, quick, "compatibility", memory, List.of());
    }

    @Test
    void buildArgsComeAfterThePluginsOwnOptionsSoTheyOverrideThemAndTheMainClassIsLast() {
        NativeImageRequest request = request(List.of(Path.of("/p/target/app.jar"), Path.of("/r/lib.jar")), true, "8g",
                List.of("--enable-url-protocols=https", "-march=native"));
        NativeImageCommandLine line = NativeImageCommandLine.of("/g/bin/native-image", NativeImageArguments.builderOptions(request),
                NativeImageArguments.imageOptions(request, Path.of("/usr/bin/x86_64-linux-musl-gcc")), request.mainClass(), "/p/args");
        List<String> command = line.command();

        assertEquals("/g/bin/native-image", command.get(0));
        assertEquals("-J-Xmx8g", command.get(1), "the builder's JVM options come first");
        assertEquals("com.example.Main", command.get(command.size() - 1));
        assertEquals(List.of("--enable-url-protocols=https", "-march=native"), command.subList(command.size() - 3, command.size() - 1),
                "the user's buildArgs come last before the main class, in their order");
        assertTrue(command.indexOf("-march=compatibility") < command.indexOf("-march=native"),
                "a -march in buildArgs comes after the plugin's, so native-image uses it");
        assertEquals(Optional.empty(), line.argFileContent());
    }

    @Test
    void withoutQuickBuildMemoryOrCompilerThoseOptionsAreLeftOut() {
        NativeImageRequest request = request(List.of(Path.of("/p/target/classes")), false, null, List.of());
        List<String> options = NativeImageArguments.imageOptions(request, null);
        assertFalse(options.contains("-Ob"));
        assertTrue(options.stream().noneMatch(option -> option.startsWith("--native-compiler-path")));
        assertEquals(List.of(), NativeImageArguments.builderOptions(request));
    }

    @Test
    void longCommandsMoveTheImageOptionsIntoTheArgfile() {
        List<Path> classpath = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            classpath.add(Path.of("/home/user/.m2/repository/org/example/library-" + i + "/1.0/library-" + i + "-1.0.jar"));
        }
        NativeImageRequest request = request(classpath, false, "4g", List.of());
        List<String> imageOptions = NativeImageArguments.imageOptions(request, null);
        NativeImageCommandLine line = NativeImageCommandLine.of("native-image", NativeImageArguments.builderOptions(request),
                imageOptions, request.mainClass(), "/p/target/scratchpack-native/native-image.args");
        assertEquals(List.of("native-image", "-J-Xmx4g", "@/p/target/scratchpack-native/native-image.args", "com.example.Main"),
                line.command());
        assertEquals(ArgFile.content(imageOptions), line.argFileContent().orElseThrow());
    }

    @Test
    void settingsThatCannotBeRightAreRefusedNamingTheParameter() {
        assertMessage("mainClass \"com.example.Main class\" is not a Java class name",
                new NativeImageRequest("com.example.Main class", List.of(), Path.of("/a"), List.of(), false, "compatibility", null, List.of()));
        assertMessage("There is no main class to build", new NativeImageRequest(null, List.of(), Path.of("/a"), List.of(), false,
                "compatibility", null, List.of()));
        assertMessage("march \"x86 64\" is not a machine type",
                new NativeImageRequest("a.B", List.of(), Path.of("/a"), List.of(), false, "x86 64", null, List.of()));
        assertMessage("builderMemory \"8GB\" is not a JVM heap size",
                new NativeImageRequest("a.B", List.of(), Path.of("/a"), List.of(), false, "compatibility", "8GB", List.of()));
    }

    private static void assertMessage(String start, NativeImageRequest request) {
        NativeImageException failure = assertThrows(NativeImageException.class, request::validate);
        assertTrue(failure.getMessage().startsWith(start), failure.getMessage());
    }
}
