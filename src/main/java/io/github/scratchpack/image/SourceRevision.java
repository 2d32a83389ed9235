package io.github.scratchpack.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The commit a git checkout has checked out, for the {@code org.opencontainers.image.revision} annotation ("Source
 * control revision identifier for the packaged software", in the OCI image spec). It is read from the files of
 * {@code .git}, as git itself resolves {@code HEAD}, without running git: a {@code .git} directory or the
 * {@code gitdir:} file of a linked worktree or submodule, a detached {@code HEAD} or a branch, loose refs or
 * {@code packed-refs}, in the worktree's own directory or the repository's common one.
 */
public final class SourceRevision {
    private static final Pattern OBJECT_ID = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");
    private static final String SYMBOLIC = "ref: ";
    private static final int MAX_SYMBOLIC_REFS = 5;

    private SourceRevision() {
    }

    /**
     * The full id of the commit checked out in the git checkout that holds a directory.
     *
     * @param directory a directory of the checkout, such as the project's base directory
     * @return the commit id; empty when the directory is in no git checkout, the branch has no commit yet, or its
     *         refs are kept in a form this does not read (reftable)
     * @throws IOException when the files of {@code .git} cannot be read
     */
    public static Optional<String> of(Path directory) throws IOException {
        Optional<Path> gitDirectory = gitDirectory(directory.toAbsolutePath().normalize());
        if (gitDirectory.isEmpty()) {
            return Optional.empty();
        }
        Path gitDir = gitDirectory.get();
        Path commonDir = commonDirectory(gitDir);
        String head = firstLine(gitDir.resolve("HEAD"));
        for (int i = 0; head != null && i < MAX_SYMBOLIC_REFS; i++) {
            if (OBJECT_ID.matcher(head).matches()) {
                return Optional.of(head);
            }
            if (!head.startsWith(SYMBOLIC)) {
                return Optional.empty();
            }
            head = ref(head.substring(SYMBOLIC.length()).trim(), gitDir, commonDir);
        }
        return Optional.empty();
    }

    /** The git directory of the checkout that holds a directory: its {@code .git}, or where a {@code .git} file points. */
    private static Optional<Path> gitDirectory(Path directory) throws IOException {
        for (Path candidate = directory; candidate != null; candidate = candidate.getParent()) {
            Path dotGit = candidate.resolve(".git");
            if (Files.isDirectory(dotGit)) {
                return Optional.of(dotGit);
            }
            if (Files.isRegularFile(dotGit)) {
                String line = firstLine(dotGit);
                if (line == null || !line.startsWith("gitdir:")) {
                    return Optional.empty();
                }
                return Optional.of(candidate.resolve(line.substring("gitdir:".length()).trim()).normalize());
            }
        }
        return Optional.empty();
    }

    /** Where a linked worktree's shared refs are: the directory its {@code commondir} file names, else its own. */
    private static Path commonDirectory(Path gitDir) throws IOException {
        String common = firstLine(gitDir.resolve("commondir"));
        return common == null ? gitDir : gitDir.resolve(common).normalize();
    }

    /** What a ref holds: a loose ref file (the worktree's own first), else its line in {@code packed-refs}. */
    private static String ref(String name, Path gitDir, Path commonDir) throws IOException {
        for (Path directory : new Path[] {gitDir, commonDir}) {
            String loose = firstLine(directory.resolve(name));
            if (loose != null) {
                return loose;
            }
        }
        Path packed = commonDir.resolve("packed-refs");
        if (Files.isRegularFile(packed)) {
            for (String line : Files.readAllLines(packed, StandardCharsets.UTF_8)) {
                int space = line.indexOf(' ');
                if (space > 0 && !line.startsWith("#") && !line.startsWith("^") && line.substring(space + 1).equals(name)) {
                    return line.substring(0, space);
                }
            }
        }
        return null;
    }

    private static String firstLine(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int end = text.indexOf('\n');
        String line = (end < 0 ? text : text.substring(0, end)).trim();
        return line.isEmpty() ? null : line;
    }
}
