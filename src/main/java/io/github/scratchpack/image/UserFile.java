package io.github.scratchpack.image;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

/** Checks a file that the user adds to the image and turns it into a layer entry. */
public final class UserFile {
    /** The longest file name, in bytes, that Linux file systems accept. */
    private static final int MAX_NAME_BYTES = 255;
    private static final String ADVICE = " Choose a target in a directory of your own, such as /etc/app/app.toml or"
            + " /app/config/app.toml.";

    private UserFile() {
    }

    /**
     * Checks one user file. A symbolic link as source is followed: the image gets the content it points to.
     *
     * @param source the file on the build machine
     * @param target the absolute path in the image
     * @param mode the permission bits in octal, such as {@code 644}; {@code null} means 644
     * @param imageEntries the entries that the other layers write, with their parent directories
     * @param earlierFiles the user files added before this one
     * @return the layer entry, owned by root
     * @throws IllegalArgumentException with a message for the user when the file cannot be added
     */
    public static LayerFile of(Path source, String target, String mode, Collection<LayerFile> imageEntries,
                               Collection<LayerFile> earlierFiles) {
        checkSource(source);
        String path = checkTarget(target, source);
        for (LayerFile entry : imageEntries) {
            checkAgainstImage(path, entry);
        }
        for (LayerFile other : earlierFiles) {
            checkAgainstOtherFile(path, other.path());
        }
        return LayerFile.copyOf(source, path, parseMode(mode, path));
    }

    private static void checkSource(Path source) {
        if (source == null || !Files.exists(source)) {
            throw new IllegalArgumentException("The file source " + source + " does not exist. Check the <source> of"
                    + " this <file>; relative paths start at the project's base directory.");
        }
        if (!Files.isRegularFile(source)) {
            throw new IllegalArgumentException("The file source " + source + " is not a regular file. Each <file>"
                    + " copies one file; list the files of a directory one by one.");
        }
        try (SeekableByteChannel channel = Files.newByteChannel(source)) {
            channel.size();
        } catch (AccessDeniedException e) {
            throw new IllegalArgumentException(unreadable(source), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the file source " + source + " (" + e.getMessage() + ")."
                    + " Check the <source> of this <file>.", e);
        }
    }

    /**
     * The message for a source that the user running Maven may not read.
     *
     * @param source the file
     * @return what is wrong and what to do
     */
    static String unreadable(Path source) {
        return "Cannot read the file source " + source + " (permission denied); make it readable by the user running"
                + " Maven.";
    }

    private static String checkTarget(String target, Path source) {
        if (target == null || !target.startsWith("/")) {
            throw new IllegalArgumentException("The file target '" + target + "' for " + source + " is not an absolute"
                    + " path. Write it as it will be in the image, such as /etc/app/app.toml.");
        }
        if (target.equals("/")) {
            throw new IllegalArgumentException("The file target '/' is the root directory of the image." + ADVICE);
        }
        String path = target.endsWith("/") ? target + source.getFileName() : target;
        for (String part : path.substring(1).split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw new IllegalArgumentException("The file target '" + target + "' has an empty, '.' or '..' part."
                        + " Write a plain absolute path such as /etc/app/app.toml.");
            }
            int bytes = part.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_NAME_BYTES) {
                throw new IllegalArgumentException("The file target '" + target + "' has a part of " + bytes + " bytes;"
                        + " file names are at most " + MAX_NAME_BYTES + " bytes. Choose a shorter name.");
            }
        }
        return path;
    }

    /**
     * Refuses a target that would replace what another layer writes, or put a file where the user-files layer's
     * parent directories would change one: that layer adds each parent as a root-owned {@code 0755} directory,
     * which would take the runtime user's write access to {@code /tmp} and {@code /home/nonroot}.
     */
    private static void checkAgainstImage(String path, LayerFile entry) {
        String other = entry.path();
        if (other.equals(path)) {
            throw new IllegalArgumentException(entry.directory()
                    ? "The file target " + path + " would replace the directory " + path + ", which every image has." + ADVICE
                    : "The file target " + path + " would replace a file that scratchpack writes itself (" + path + ")." + ADVICE);
        }
        if (!path.startsWith(other + "/")) {
            return;
        }
        if (!entry.directory()) {
            throw new IllegalArgumentException("The file target " + path + " is inside " + other + ", a file that"
                    + " scratchpack writes itself, so it cannot also be a directory." + ADVICE);
        }
        if (entry.mode() != LayerContents.PARENT_MODE || entry.uid() != 0 || entry.gid() != 0) {
            throw new IllegalArgumentException("The file target " + path + " is inside " + other + ", which the image"
                    + " gives to the runtime user (mode " + String.format("%04o", entry.mode()) + ", owner " + entry.uid()
                    + "); the files layer would replace it with a root-owned " + String.format("%04o", LayerContents.PARENT_MODE)
                    + " directory that the runtime user cannot write." + ADVICE);
        }
    }

    private static void checkAgainstOtherFile(String path, String other) {
        if (other.equals(path)) {
            throw new IllegalArgumentException("Two <file> entries have the target " + path + ". Give each <file> its own"
                    + " target.");
        }
        if (path.startsWith(other + "/") || other.startsWith(path + "/")) {
            String outer = path.length() < other.length() ? path : other;
            String inner = outer.equals(path) ? other : path;
            throw new IllegalArgumentException("The file targets " + outer + " and " + inner + " collide: " + outer
                    + " would have to be both a file and the directory that holds " + inner + ". Choose targets where"
                    + " neither is inside the other.");
        }
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
        int bits = Integer.parseInt(text, 8);
        if ((bits & 0022) != 0) {
            throw new IllegalArgumentException("The mode '" + mode + "' of " + path + " lets group or others write the"
                    + " file, so the container's user could change it. Use a mode without those write bits, such as"
                    + " <mode>644</mode>, <mode>640</mode> or <mode>755</mode>.");
        }
        return bits;
    }
}
