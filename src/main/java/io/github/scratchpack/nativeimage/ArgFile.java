package io.github.scratchpack.nativeimage;

import java.util.List;

/**
 * Writes native-image {@code @argfile}s. native-image reads them as the {@code java} launcher does: arguments split
 * at white space, {@code #} starts a comment, and inside double quotes a backslash escapes the next character. So
 * each argument goes on a line of its own, and one that holds any of those characters is quoted.
 */
public final class ArgFile {
    private ArgFile() {
    }

    /** The file's text for some arguments, one a line. */
    public static String content(List<String> arguments) {
        StringBuilder text = new StringBuilder();
        for (String argument : arguments) {
            text.append(quoted(argument)).append('\n');
        }
        return text.toString();
    }

    private static String quoted(String argument) {
        if (!argument.isEmpty() && argument.chars().noneMatch(ArgFile::needsQuotes)) {
            return argument;
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : argument.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                case '\f' -> quoted.append("\\f");
                default -> quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }

    private static boolean needsQuotes(int c) {
        return Character.isWhitespace(c) || c == '#' || c == '"' || c == '\'' || c == '\\';
    }
}
