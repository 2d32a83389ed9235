package io.github.scratchpack.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scratchpack.testing.ExternalTool;
import io.github.scratchpack.testing.Git;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commit of checkouts that real git made, each read as {@code git rev-parse HEAD} reads it. */
class SourceRevisionTest {
    @TempDir
    Path directory;
    private Path checkout;

    @BeforeEach
    void repository() throws Exception {
        ExternalTool.require("git");
        checkout = Files.createDirectories(directory.resolve("checkout"));
        git(checkout, "init", "-q", "-b", "main");
        commit("first");
    }

    @Test
    void branchWithALooseRef() throws Exception {
        assertTrue(Files.isRegularFile(checkout.resolve(".git/refs/heads/main")));
        assertEquals(Optional.of(head(checkout)), SourceRevision.of(checkout));
    }

    @Test
    void branchInPackedRefsFromASubdirectory() throws Exception {
        commit("second");
        git(checkout, "pack-refs", "--all", "--prune");
        assertTrue(Files.notExists(checkout.resolve(".git/refs/heads/main")));
        Path module = Files.createDirectories(checkout.resolve("services/app"));
        assertEquals(Optional.of(head(checkout)), SourceRevision.of(module));
    }

    @Test
    void detachedHead() throws Exception {
        String first = head(checkout);
        commit("second");
        git(checkout, "checkout", "-q", first);
        assertEquals(Optional.of(first), SourceRevision.of(checkout));
    }

    @Test
    void linkedWorktreeOnItsOwnBranch() throws Exception {
        Path worktree = directory.resolve("worktree");
        git(checkout, "worktree", "add", "-q", "-b", "feature", worktree.toString());
        Files.writeString(worktree.resolve("feature.txt"), "feature");
        git(worktree, "add", "feature.txt");
        git(worktree, "commit", "-q", "-m", "feature");
        assertTrue(Files.isRegularFile(worktree.resolve(".git")));
        assertEquals(Optional.of(head(worktree)), SourceRevision.of(worktree));
        assertNotEquals(head(worktree), head(checkout));
        assertEquals(Optional.of(head(checkout)), SourceRevision.of(checkout));
    }

    @Test
    void noCheckoutAndNoCommitGiveNone() throws Exception {
        Path plain = Files.createDirectories(directory.resolve("plain"));
        assertEquals(Optional.empty(), SourceRevision.of(plain));
        Path unborn = Files.createDirectories(directory.resolve("unborn"));
        git(unborn, "init", "-q");
        assertEquals(Optional.empty(), SourceRevision.of(unborn));
    }

    private void commit(String message) throws Exception {
        Files.writeString(checkout.resolve(message + ".txt"), message);
        git(checkout, "add", message + ".txt");
        git(checkout, "commit", "-q", "-m", message);
    }

    private static String head(Path checkout) throws Exception {
        String id = Git.head(checkout);
        assertTrue(id.matches("[0-9a-f]{40}"), id);
        return id;
    }

    private static String git(Path checkout, String... arguments) throws Exception {
        return Git.run(checkout, arguments);
    }
}
