package io.github.scratchpack.nativeimage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The native-image command. When it would be long (a large classpath can pass the 128 KiB Linux allows for one
 * argument), the image options go into an {@code @argfile}; the builder options and the main class stay on the
 * command line, so that the log shows what is built.
 *
 * @param command         the command to run
 * @param argFileContent  what to write to the argfile before running it, when there is one
 */
public record NativeImageCommandLine(List<String> command, Optional<String> argFileContent) {
    /** Command lines longer than this many characters use an argfile. */
    public static final int ARGFILE_THRESHOLD = 8192;

    /**
     * Puts the command together.
     *
     * @param launcher       the native-image launcher, as the process that runs it sees it
     * @param argFileSeenAs  the argfile's path as native-image sees it
     */
    public static NativeImageCommandLine of(String launcher, List<String> builderOptions, List<String> imageOptions,
            String mainClass, String argFileSeenAs) {
        List<String> direct = new ArrayList<>();
        direct.add(launcher);
        direct.addAll(builderOptions);
        direct.addAll(imageOptions);
        direct.add(mainClass);
        int length = direct.stream().mapToInt(argument -> argument.length() + 1).sum();
        if (length <= ARGFILE_THRESHOLD) {
            return new NativeImageCommandLine(List.copyOf(direct), Optional.empty());
        }
        List<String> viaFile = new ArrayList<>();
        viaFile.add(launcher);
        viaFile.addAll(builderOptions);
        viaFile.add("@" + argFileSeenAs);
        viaFile.add(mainClass);
        return new NativeImageCommandLine(List.copyOf(viaFile), Optional.of(ArgFile.content(imageOptions)));
    }
}
