package io.github.scratchpack.nativeimage;

import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * What to build: the application and the options the user chose.
 *
 * @param mainClass     the class whose {@code main} the executable runs
 * @param classpath     the project's jar (or classes directory) first, then its runtime dependencies, in order
 * @param output        the executable to write
 * @param buildArgs     more native-image arguments, passed on as they are, after the plugin's own
 * @param quickBuild    whether to pass {@code -Ob}
 * @param march         the {@code -march} value
 * @param builderMemory the builder's maximum heap ({@code -J-Xmx}), such as {@code 8g}; {@code null} for native-image's own choice
 * @param configurationDirectories reachability metadata directories, passed with {@code -H:ConfigurationFileDirectories}
 */
public record NativeImageRequest(String mainClass, List<Path> classpath, Path output, List<String> buildArgs,
        boolean quickBuild, String march, String builderMemory, List<Path> configurationDirectories) {
    private static final Pattern JAVA_CLASS_NAME = Pattern.compile("[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*"
            + "(\\.[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*)*");
    private static final Pattern HEAP_SIZE = Pattern.compile("\\d+[kKmMgGtT]?");

    /** Keeps its own copies of the lists. */
    public NativeImageRequest {
        buildArgs = List.copyOf(buildArgs);
        classpath = List.copyOf(classpath);
        configurationDirectories = List.copyOf(configurationDirectories);
    }

    /** Fails with a message naming the parameter when a setting cannot be right, before the long build starts. */
    public void validate() throws NativeImageException {
        if (mainClass == null || mainClass.isBlank()) {
            throw new NativeImageException("There is no main class to build: mainClass is not set and the project jar has no"
                    + " Main-Class in its manifest. Set"
                    + " <mainClass> (or -Dscratchpack.mainClass) to the class whose main method the executable runs.");
        }
        if (!JAVA_CLASS_NAME.matcher(mainClass).matches()) {
            throw new NativeImageException("mainClass \"" + mainClass + "\" is not a Java class name. Set <mainClass> to"
                    + " a fully qualified name such as com.example.Main.");
        }
        if (march == null || march.isBlank() || march.chars().anyMatch(Character::isWhitespace)) {
            throw new NativeImageException("march \"" + march + "\" is not a machine type. Use compatibility (the default),"
                    + " x86-64-v3, native, or one that native-image -march=list prints.");
        }
        if (builderMemory != null && !HEAP_SIZE.matcher(builderMemory).matches()) {
            throw new NativeImageException("builderMemory \"" + builderMemory + "\" is not a JVM heap size. Write it the"
                    + " way -Xmx takes it, such as 8g or 6000m.");
        }
    }

    /** The same request with the classpath entries and the output moved by {@code relocation}, as in a container. */
    public NativeImageRequest relocated(UnaryOperator<Path> relocation) {
        return new NativeImageRequest(mainClass, classpath.stream().map(relocation).toList(), relocation.apply(output),
                buildArgs, quickBuild, march, builderMemory, configurationDirectories.stream().map(relocation).toList());
    }
}
