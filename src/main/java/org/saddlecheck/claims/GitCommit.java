package org.saddlecheck.claims;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The commit of a working copy, read from the .git files without spawning git: .git may be a directory or a
 * "gitdir: …" file (worktrees, submodules); HEAD is a hash or "ref: refs/…", resolved as a loose ref in the git
 * dir or its common dir, then in packed-refs. Returns "unknown" where nothing can be read.
 */
public final class GitCommit {
    private GitCommit() {}

    /** The commit hash of the working copy containing {@code start} (searching upward), or "unknown". */
    public static String read(Path start) {
        try {
            Path p = start == null ? null : start.toAbsolutePath().normalize();
            while (p != null) {
                Path dotGit = p.resolve(".git");
                if (Files.exists(dotGit)) return resolve(dotGit);
                p = p.getParent();
            }
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
        return "unknown";
    }

    private static String resolve(Path dotGit) throws IOException {
        Path gitDir = dotGit;
        if (Files.isRegularFile(dotGit)) {
            String s = Files.readString(dotGit, StandardCharsets.UTF_8).trim();
            if (!s.startsWith("gitdir:")) return "unknown";
            gitDir = dotGit.getParent().resolve(s.substring("gitdir:".length()).trim()).normalize();
        }
        Path common = gitDir;
        Path commondir = gitDir.resolve("commondir");
        if (Files.isRegularFile(commondir)) {
            common = gitDir.resolve(Files.readString(commondir, StandardCharsets.UTF_8).trim()).normalize();
        }
        String head = Files.readString(gitDir.resolve("HEAD"), StandardCharsets.UTF_8).trim();
        if (!head.startsWith("ref:")) return isHash(head) ? head : "unknown";
        String ref = head.substring(4).trim();
        for (Path dir : List.of(gitDir, common)) {
            Path loose = dir.resolve(ref);
            if (Files.isRegularFile(loose)) {
                String h = Files.readString(loose, StandardCharsets.UTF_8).trim();
                if (isHash(h)) return h;
            }
        }
        for (Path dir : List.of(gitDir, common)) {
            Path packed = dir.resolve("packed-refs");
            if (!Files.isRegularFile(packed)) continue;
            for (String line : Files.readAllLines(packed, StandardCharsets.UTF_8)) {
                if (line.startsWith("#") || line.startsWith("^")) continue;
                String[] parts = line.trim().split(" ", 2);
                if (parts.length == 2 && parts[1].equals(ref) && isHash(parts[0])) return parts[0];
            }
        }
        return "unknown";
    }

    private static boolean isHash(String s) {
        return s.matches("[0-9a-f]{40}([0-9a-f]{24})?");
    }
}
