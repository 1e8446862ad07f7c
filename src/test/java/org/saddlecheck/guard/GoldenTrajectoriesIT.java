package org.saddlecheck.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The golden-trajectory regression guard, run by failsafe in {@code verify} after the unit tests. It recomputes
 * every trajectory of {@link GoldenTrajectories} and compares it with the baseline files under
 * {@code ${saddlecheck.basedir}/src/test/resources/baseline/trajectories} (the source tree, not target/); it fails
 * listing every moved, missing or stale trajectory. With {@code -Dsaddlecheck.rebaseline} (or
 * {@code -Dsaddlecheck.rebaseline=true}) it rewrites the baseline instead, prints what changed and passes.
 */
class GoldenTrajectoriesIT {
    static Path basedir() {
        String b = System.getProperty(GoldenBaseline.BASEDIR_PROPERTY);
        Path p = b == null || b.isBlank() ? Path.of("").toAbsolutePath() : Path.of(b);
        assertThat(p.resolve("pom.xml")).as("project root %s (from -D%s or the working directory) must hold pom.xml", p,
                GoldenBaseline.BASEDIR_PROPERTY).isRegularFile();
        return p;
    }

    @Test
    void goldenTrajectoriesMatchTheBaseline() {
        Path dir = GoldenBaseline.directory(basedir());
        if (GoldenBaseline.rebaselineRequested(System.getProperty(GoldenBaseline.REBASELINE_PROPERTY))) {
            GoldenBaseline.RebaselineReport r = GoldenBaseline.rebaseline(dir, GoldenTrajectories.all());
            System.out.println(r.summary());
            System.out.println("baseline written to " + dir + "; review it with `git diff " + GoldenBaseline.RELATIVE_DIRECTORY + "`");
            assertThat(GoldenBaseline.check(dir, GoldenTrajectories.all()).ok()).as("baseline consistent after rewrite").isTrue();
            return;
        }
        assertThat(Files.isDirectory(dir)).as("golden-trajectory baseline directory %s is missing: run `%s`", dir,
                GoldenBaseline.REBASELINE_COMMAND).isTrue();
        GoldenBaseline.CheckReport r = GoldenBaseline.check(dir, GoldenTrajectories.all());
        System.out.println(r.ok() ? r.message() : "golden trajectories: " + r.moved().size() + " moved, "
                + r.missing().size() + " missing, " + r.stale().size() + " stale");
        assertThat(r.ok()).withFailMessage("%s", r.message()).isTrue();
    }
}
