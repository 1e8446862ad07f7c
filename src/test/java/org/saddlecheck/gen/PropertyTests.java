package org.saddlecheck.gen;

import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * JUnit 5 adapter for {@link Forall} (test scope; use from any test in the module):
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> spectrumIsExact() {
 *     return PropertyTests.cases(Forall.over("spectrum", SpdSpace.standard(12)).cases(50), (p, rng) -> ...);
 * }
 * }</pre>
 * One dynamic test per case, named by its parameters; a failing case is shrunk and the assertion message names the
 * original and shrunk case, the instance seed and the master seed ({@code -Dsaddlecheck.seed=…} reruns all cases).
 */
public final class PropertyTests {
    private PropertyTests() {}

    /** One dynamic test per random case of {@code forall}. */
    public static <P> Stream<DynamicTest> cases(Forall<P> forall, Property<P> property) {
        return IntStream.range(0, forall.caseCount()).mapToObj(i -> {
            P params = forall.paramsAt(i);
            long seed = forall.seedAt(i);
            String name = "case " + i + ": " + forall.space().describe(params) + " (seed " + seed + ")";
            return DynamicTest.dynamicTest(name, () -> {
                Case<P> c = forall.replay(params, seed, property);
                if (c.failsAt(forall.limitValue())) {
                    Forall.Shrunk<P> s = forall.shrink(c, property);
                    throw new AssertionError("property " + forall.name() + " failed (limit " + forall.limitValue() + ") at case " + i
                            + ": " + c + "\n  shrunk in " + s.steps() + " steps to: " + s.shrunk()
                            + "\n  reproduce: -Dsaddlecheck.seed=" + forall.masterSeed());
                }
            });
        });
    }

    /** A single dynamic test running the whole check (random cases, shrinking, targeted search). */
    public static <P> DynamicTest check(Forall<P> forall, Property<P> property) {
        return DynamicTest.dynamicTest(forall.name() + " (" + forall.caseCount() + " cases, seed " + forall.masterSeed() + ")",
                () -> forall.check(property).assertPassed());
    }
}
