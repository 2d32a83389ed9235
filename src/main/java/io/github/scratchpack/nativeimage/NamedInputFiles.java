package io.github.scratchpack.nativeimage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files and directories that native-image reads because its arguments name them, so that editing one of them
 * makes the build run again: {@code @argfile}s (and what they name in turn), and the values of hosted options whose
 * name ends in {@code Files} or {@code Directories}, such as {@code -H:ConfigurationFileDirectories=src/native} or
 * {@code -H:ReflectionConfigurationFiles=a.json,b.json}. Relative paths are taken from native-image's working
 * directory, as native-image takes them.
 */
public final class NamedInputFiles {
    private static final Pattern FILE_OPTION = Pattern.compile("-H:[A-Za-z]+(?:Files|Directories)=(.*)");

    private NamedInputFiles() {
    }

    /** The {@code <digest> <path>} lines of what the arguments name; {@code missing <path>} for what is not there. */
    public static List<String> digest(List<String> arguments, Path workingDirectory) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Path file : named(arguments, workingDirectory)) {
            lines.add((Files.exists(file) ? ContentDigest.of(file) : "missing") + " " + file);
        }
        return lines;
    }

    /** The files and directories the arguments name, each once, in the order they are named. */
    static Set<Path> named(List<String> arguments, Path workingDirectory) throws IOException {
        Set<Path> files = new LinkedHashSet<>();
        collect(arguments, workingDirectory, files);
        return files;
    }

    private static void collect(List<String> arguments, Path workingDirectory, Set<Path> files) throws IOException {
        for (String argument : arguments) {
            if (argument.startsWith("@") && argument.length() > 1) {
                Path argFile = workingDirectory.resolve(argument.substring(1)).normalize();
                if (files.add(argFile) && Files.isRegularFile(argFile)) {
                    collect(tokens(new String(Files.readAllBytes(argFile), StandardCharsets.UTF_8)), workingDirectory, files);
                }
                continue;
            }
            Matcher option = FILE_OPTION.matcher(argument);
            if (option.matches()) {
                for (String value : option.group(1).split(",")) {
                    if (!value.isBlank()) {
                        files.add(workingDirectory.resolve(value.strip()).normalize());
                    }
                }
            }
        }
    }

    /** An argfile's arguments, split at white space outside quotes, as the java launcher reads argfiles. */
    static List<String> tokens(String content) {
        List<String> tokens = new ArrayList<>();
        StringBuilder token = new StringBuilder();
        boolean inToken = false;
        char quote = 0;
        for (int i = 0; i < content.length(); i++) {
            char c = content.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    token.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inToken = true;
            } else if (Character.isWhitespace(c)) {
                if (inToken) {
                    tokens.add(token.toString());
                    token.setLength(0);
                    inToken = false;
                }
            } else {
                token.append(c);
                inToken = true;
            }
        }
        if (inToken) {
            tokens.add(token.toString());
        }
        return tokens;
    }
}
