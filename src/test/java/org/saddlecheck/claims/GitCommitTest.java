package org.saddlecheck.claims;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitCommitTest {
    private static final String H1 = "1111111111111111111111111111111111111111";
    private static final String H2 = "2222222222222222222222222222222222222222";

    @Test
    void looseRefFromASubdirectory(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve(".git/refs/heads"));
        Files.writeString(dir.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        Files.writeString(dir.resolve(".git/refs/heads/main"), H1 + "\n");
        Files.createDirectories(dir.resolve("a/b"));
        assertThat(GitCommit.read(dir.resolve("a/b"))).isEqualTo(H1);
    }

    @Test
    void packedRefsAndDetachedHead(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve(".git"));
        Files.writeString(dir.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        Files.writeString(dir.resolve(".git/packed-refs"), "# pack-refs with: peeled\n" + H2 + " refs/heads/other\n" + H1 + " refs/heads/main\n^" + H2 + "\n");
        assertThat(GitCommit.read(dir)).isEqualTo(H1);
        Files.writeString(dir.resolve(".git/HEAD"), H2 + "\n");
        assertThat(GitCommit.read(dir)).isEqualTo(H2);
    }

    @Test
    void worktreeGitdirFileWithCommondir(@TempDir Path dir) throws IOException {
        Path main = dir.resolve("main/.git"), wt = main.resolve("worktrees/wt");
        Files.createDirectories(wt);
        Files.createDirectories(main.resolve("refs/heads"));
        Files.writeString(main.resolve("refs/heads/feature"), H2 + "\n");
        Files.writeString(wt.resolve("HEAD"), "ref: refs/heads/feature\n");
        Files.writeString(wt.resolve("commondir"), "../..\n");
        Path work = dir.resolve("wt");
        Files.createDirectories(work);
        Files.writeString(work.resolve(".git"), "gitdir: " + wt + "\n");
        assertThat(GitCommit.read(work)).isEqualTo(H2);
    }

    @Test
    void unknownWhenNothingCanBeRead(@TempDir Path dir) throws IOException {
        assertThat(GitCommit.read(dir)).isIn("unknown", GitCommit.read(dir.getParent()));
        Files.createDirectories(dir.resolve("x/.git"));
        Files.writeString(dir.resolve("x/.git/HEAD"), "ref: refs/heads/missing\n");
        assertThat(GitCommit.read(dir.resolve("x"))).isEqualTo("unknown");
        assertThat(GitCommit.read(null)).isEqualTo("unknown");
    }
}
