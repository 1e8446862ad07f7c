package org.saddlecheck.report;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Replaces a directory as a whole: the new content is built in a temporary sibling directory; only when that
 * succeeded is the old directory moved aside, the new one moved into place (both {@code ATOMIC_MOVE}) and the
 * old one deleted. If building fails, the temporary directory is deleted and the old directory is untouched;
 * if the final move fails, the old directory is moved back.
 *
 * <p>Because the old directory is deleted as a whole, only a directory that is recognisably a saddlecheck
 * report may be replaced ({@link #checkReplaceable}): one that does not exist, is empty, carries the
 * {@link #MARKER} file the generator writes, or holds nothing but the report's own entries
 * ({@link #REPORT_ENTRIES}, e.g. the {@code reports/} folder in git with only its README.md).
 */
final class AtomicDirectory {
    private AtomicDirectory() {}

    /** Marker file written into every generated report; a directory holding it may be replaced. */
    static final String MARKER = ".saddlecheck-report";

    /** Entries a report directory may hold without the marker (reports written before the marker existed). */
    static final Set<String> REPORT_ENTRIES = Set.of("README.md", "index.html", "claims", "notes", "assets", MARKER);

    /**
     * Throws {@link IllegalArgumentException} (one line, naming the directory) unless {@code target} may be
     * replaced as a whole: it does not exist, is an empty directory, holds the {@link #MARKER} file, or holds
     * only {@link #REPORT_ENTRIES} (an {@code index.html} there must be a saddlecheck report page).
     */
    static void checkReplaceable(Path target) throws IOException {
        Path dir = target.toAbsolutePath().normalize();
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("outDir = " + target + " is not allowed: outDir must be a directory or a path that does not exist yet");
        }
        if (Files.isRegularFile(dir.resolve(MARKER))) return;
        List<String> foreign = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.map(p -> p.getFileName().toString()).sorted().forEach(n -> {
                if (!REPORT_ENTRIES.contains(n)) foreign.add(n);
            });
        }
        Path index = dir.resolve("index.html");
        if (foreign.isEmpty() && Files.isRegularFile(index) && !Files.readString(index, java.nio.charset.StandardCharsets.UTF_8)
                .contains("content=\"saddlecheck report\"")) {
            foreign.add("index.html (not a saddlecheck report)");
        }
        if (!foreign.isEmpty()) {
            String shown = String.join(", ", foreign.subList(0, Math.min(5, foreign.size())))
                    + (foreign.size() > 5 ? ", … (" + foreign.size() + " entries)" : "");
            throw new IllegalArgumentException("outDir = " + target + " is not allowed: it is not a saddlecheck report directory"
                    + " (it holds " + shown + ") and the report replaces its directory as a whole; choose an empty or new"
                    + " directory, or a previous report's directory");
        }
    }

    /** Builds the content of a directory given its (empty, temporary) location. */
    @FunctionalInterface
    interface Builder {
        void build(Path tmp) throws IOException;
    }

    static void replace(Path target, Builder builder) throws IOException {
        Path dir = target.toAbsolutePath().normalize();
        Path parent = Files.createDirectories(dir.getParent());
        String name = dir.getFileName().toString();
        Path tmp = Files.createTempDirectory(parent, "." + name + ".new-");
        try {
            builder.build(tmp);
        } catch (IOException | RuntimeException | Error e) {
            deleteQuietly(tmp, e);
            throw e;
        }
        Path old = null;
        try {
            if (Files.exists(dir)) {
                old = unusedSibling(parent, "." + name + ".old-");
                Files.move(dir, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            restore(dir, old, tmp, e);
            throw new IOException("cannot swap the report into " + dir + " atomically (" + e.getMessage()
                    + "); the previous report is kept", e);
        } catch (IOException | RuntimeException e) {
            restore(dir, old, tmp, e);
            throw e;
        }
        if (old != null) {
            try {
                deleteRecursively(old);
            } catch (IOException e) {
                // the new report is in place; a leftover hidden .old- directory is harmless
                System.err.println("saddlecheck report: could not delete " + old + ": " + e.getMessage());
            }
        }
    }

    private static void restore(Path dir, Path old, Path tmp, Exception cause) {
        try {
            if (old != null && !Files.exists(dir)) Files.move(old, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
        deleteQuietly(tmp, cause);
    }

    private static Path unusedSibling(Path parent, String prefix) {
        for (int i = 0; ; i++) {
            Path p = parent.resolve(prefix + ProcessHandle.current().pid() + "-" + i);
            if (!Files.exists(p)) return p;
        }
    }

    private static void deleteQuietly(Path p, Throwable cause) {
        try {
            if (Files.exists(p)) deleteRecursively(p);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    static void deleteRecursively(Path p) throws IOException {
        Files.walkFileTree(p, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                if (exc != null) throw exc;
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
