package io.github.scratchpack.image;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

/** Checks a file that the user adds to the image and turns it into a layer entry. */
public final class UserFile {
    private UserFile() {
    }

    /**
     * Checks one user file. A symbolic link as source is followed: the image gets the content it points to.
     *
     * @param source the file on the build machine
     * @param target the absolute path in the image
     * @param mode the permission bits in octal, such as {@code 644}; {@code null} means 644
     * @param reserved image paths that other layers own and that user files may not replace
     * @return the layer entry, owned by root
     * @throws IllegalArgumentException with a message for the user when the file cannot be added
     */
    public static LayerFile of(Path source, String target, String mode, Collection<String> reserved) {
        if (source == null || !Files.exists(source)) {
            throw new IllegalArgumentException("The file source " + source + " does not exist. Check the <source> of"
                    + " this <file>; relative paths start at the project's base directory.");
        }
        if (!Files.isRegularFile(source)) {
            throw new IllegalArgumentException("The file source " + source + " is not a regular file. Each <file>"
                    + " copies one file; list the files of a directory one by one.");
        }
        String path = checkTarget(target, source);
        if (reserved.contains(path)) {
            throw new IllegalArgumentException("The file target " + path + " would replace a file that scratchpack"
                    + " writes itself (" + String.join(", ", reserved) + "). Choose another target.");
        }
        return LayerFile.copyOf(source, path, parseMode(mode, path));
    }

    private static String checkTarget(String target, Path source) {
        if (target == null || !target.startsWith("/")) {
            throw new IllegalArgumentException("The file target '" + target + "' for " + source + " is not an absolute"
                    + " path. Write it as it will be in the image, such as /etc/app/app.toml.");
        }
        String path = target.length() > 1 && target.endsWith("/") ? target + source.getFileName() : target;
        for (String part : path.substring(1).split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw new IllegalArgumentException("The file target '" + target + "' has an empty, '.' or '..' part."
                        + " Write a plain absolute path such as /etc/app/app.toml.");
            }
        }
        return path;
    }

    private static int parseMode(String mode, String path) {
        if (mode == null || mode.isBlank()) {
            return 0644;
        }
        String text = mode.trim();
        if (!text.matches("0?[0-7]{3}")) {
            throw new IllegalArgumentException("The mode '" + mode + "' of " + path + " is not an octal permission"
                    + " (setuid, setgid and sticky bits are not allowed). Write it as <mode>644</mode> or <mode>755</mode>.");
        }
        return Integer.parseInt(text, 8);
    }
}
