/**
 * saddlecheck's regression guard for optimizer trajectories (ANCHORS.md §8.5, "golden-state JSON per optimizer and
 * seed"). {@link org.saddlecheck.guard.GoldenTrajectories} lists, for every optimizer factory of
 * {@link org.saddlecheck.optim.Algorithms}, Jin et al.'s PGD and GD, two or three fixtures each; a
 * {@link org.saddlecheck.guard.GoldenTrajectory} recomputes the state after k steps from a fixed seed
 * ({@link org.saddlecheck.guard.GoldenSnapshot}); {@link org.saddlecheck.guard.GoldenBaseline} checks the
 * recomputation against the JSON files in {@code src/test/resources/baseline/trajectories/} within
 * {@link org.saddlecheck.guard.Tolerance#DEFAULT} and rewrites them on request
 * ({@code ./mvnw verify -Dsaddlecheck.rebaseline}). The check itself runs as the failsafe test
 * {@code GoldenTrajectoriesIT} in {@code verify}.
 */
package org.saddlecheck.guard;
