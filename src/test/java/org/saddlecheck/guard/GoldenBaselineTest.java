package org.saddlecheck.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.saddlecheck.optim.Algorithms;
import org.saddlecheck.optim.pgd.PgdParameters;
import org.saddlecheck.problem.CosineFamily;
import org.saddlecheck.problem.Domain;
import org.saddlecheck.problem.LogSum;
import org.saddlecheck.problem.ReddiCounterexample;
import org.saddlecheck.rng.Seeds;

/** Unit tests of the golden-trajectory guard: tolerance, comparator, file format, catalogue, check and rebaseline. */
class GoldenBaselineTest {
    static final Tolerance TOL = Tolerance.DEFAULT;

    // ------------------------------------------------------------------ tolerance

    @Test
    void toleranceAgreesWithinRelativeAndAbsoluteBand() {
        assertThat(TOL.agrees(1.0, 1.0)).isTrue();
        assertThat(TOL.agrees(1.0, 1.0 + 5e-10)).isTrue();
        assertThat(TOL.agrees(1.0, 1.0 + 2e-9)).isFalse();
        assertThat(TOL.agrees(-1e6, -1e6 * (1 + 5e-10))).isTrue();
        assertThat(TOL.agrees(0.0, 5e-13)).isTrue();
        assertThat(TOL.agrees(0.0, 2e-12)).isFalse();
        assertThat(TOL.agrees(0.0, -0.0)).isTrue();
        assertThat(TOL.agrees(Double.NaN, Double.NaN)).isTrue();
        assertThat(TOL.agrees(Double.NaN, 1.0)).isFalse();
        assertThat(TOL.agrees(1.0, Double.NaN)).isFalse();
        assertThat(TOL.agrees(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY)).isTrue();
        assertThat(TOL.agrees(Double.POSITIVE_INFINITY, Double.MAX_VALUE)).isFalse();
        assertThat(TOL.agrees(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY)).isFalse();
        assertThat(new Tolerance(0, 0).agrees(1.0, Math.nextUp(1.0))).isFalse();
        assertThat(Tolerance.relativeChange(-0.0123456, -0.0125)).isCloseTo(0.0123520, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(Tolerance.relativeChange(0, 0)).isZero();
        assertThat(Tolerance.relativeChange(Double.NaN, 0)).isNaN();
    }

    @Test
    void toleranceDescriptionAndShortNumbers() {
        assertThat(TOL.describe()).startsWith("relative 1e-9 + absolute 1e-12 per entry");
        assertThat(Tolerance.shortNumber(0.0123)).isEqualTo("1.2e-2");
        assertThat(Tolerance.shortNumber(1.0)).isEqualTo("1e0");
        assertThat(Tolerance.shortNumber(0)).isEqualTo("0");
        assertThat(Tolerance.shortNumber(Double.POSITIVE_INFINITY)).isEqualTo("Infinity");
    }

    @Test
    void toleranceRejectsBadValues() {
        assertThatThrownBy(() -> new Tolerance(-1e-9, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("relative = -1.0E-9");
        assertThatThrownBy(() -> new Tolerance(Double.NaN, 0)).hasMessageContaining("relative = NaN");
        assertThatThrownBy(() -> new Tolerance(1e-9, -1)).hasMessageContaining("absolute = -1.0");
        assertThatThrownBy(() -> new Tolerance(1e-9, Double.POSITIVE_INFINITY)).hasMessageContaining("absolute = Infinity");
    }

    // ------------------------------------------------------------------ JSON format

    @TestFactory
    Stream<DynamicTest> doublesRoundTripBitForBit() {
        return Stream.of(1L, 2L, 3L).map(seed -> DynamicTest.dynamicTest("seed " + seed, () -> {
            UniformRandomProvider rng = Seeds.rng(seed);
            double[] v = new double[2000];
            for (int i = 0; i < v.length; i++) {
                v[i] = switch (i % 4) {
                    case 0 -> rng.nextDouble() * 2 - 1;
                    case 1 -> Double.longBitsToDouble(rng.nextLong()); // any bit pattern, incl. subnormals and NaN
                    case 2 -> Math.scalb(rng.nextDouble(), rng.nextInt(2100) - 1075);
                    default -> -rng.nextDouble() * 1e-300;
                };
            }
            v[0] = Double.MIN_VALUE;
            v[1] = Double.MAX_VALUE;
            v[2] = -0.0;
            v[3] = Double.NEGATIVE_INFINITY;
            ObjectNode o = GoldenJson.object();
            o.set("v", GoldenJson.array(v));
            JsonNode back = GoldenJson.read("round trip", GoldenJson.write(o));
            for (int i = 0; i < v.length; i++) {
                double b = GoldenJson.number(back.get("v").get(i));
                if (Double.isNaN(v[i])) {
                    assertThat(b).as("seed %d index %d", seed, i).isNaN();
                } else {
                    assertThat(Double.doubleToLongBits(b)).as("seed %d index %d: %s", seed, i, v[i]).isEqualTo(Double.doubleToLongBits(v[i]));
                }
            }
        }));
    }

    @Test
    void nonFiniteNumbersAreWrittenAsStrings() {
        ObjectNode o = GoldenJson.object();
        o.set("a", GoldenJson.array(new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1.5}));
        String text = GoldenJson.write(o);
        assertThat(text).contains("[ \"NaN\", \"Infinity\", \"-Infinity\", 1.5 ]").endsWith("}\n").doesNotContain("\r");
        assertThat(GoldenJson.isNumber(GoldenJson.NODES.textNode("NaN"))).isTrue();
        assertThat(GoldenJson.isNumber(GoldenJson.NODES.textNode("nan"))).isFalse();
        assertThatThrownBy(() -> GoldenJson.number(GoldenJson.NODES.textNode("x"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void malformedBaselineIsRejectedNamingIt() {
        assertThatThrownBy(() -> GoldenJson.read("baseline of x", "{ \"a\" : ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("baseline of x is not valid JSON");
        assertThatThrownBy(() -> GoldenJson.read("baseline of x", "[1, 2]")).hasMessageContaining("is not a JSON object");
        assertThatThrownBy(() -> GoldenJson.read("baseline of x", null)).hasMessageContaining("baseline of x is null");
    }

    @Test
    void snapshotTextIsReproducibleWithHeaderFirstAndSortedState() {
        GoldenTrajectory t = GoldenTrajectories.byId("adam@fig1");
        String a = t.run().toText(), b = t.run().toText();
        assertThat(a).isEqualTo(b);
        JsonNode n = GoldenJson.read("adam", a);
        List<String> keys = iterate(n.fieldNames());
        assertThat(keys).containsExactly("format", "id", "optimizer", "fixture", "seed", "stream", "steps", "tolerance", "x0", "x",
                "f", "iteration", "state", "checkpoints");
        assertThat(n.get("format").asText()).isEqualTo(GoldenSnapshot.FORMAT);
        assertThat(n.get("steps").asInt()).isEqualTo(120);
        assertThat(n.get("iteration").asLong()).isEqualTo(120);
        assertThat(n.get("tolerance").asText()).isEqualTo(TOL.describe());
        List<String> state = iterate(n.get("state").fieldNames());
        assertThat(state).isSortedAccordingTo(String::compareTo).contains("estimator.accumulator", "momentum", "oracleCalls");
        assertThat(n.get("checkpoints")).hasSize(3);
        assertThat(n.get("checkpoints").get(0).get("step").asLong()).isEqualTo(30);
        assertThat(n.get("optimizer").asText()).isEqualTo(t.describe()).startsWith("adam(");
    }

    @Test
    void pgdSnapshotHoldsTheEventLog() {
        JsonNode n = GoldenJson.read("pgd", GoldenTrajectories.byId("pgd@cosine3").run().toText());
        assertThat(iterate(n.fieldNames())).contains("events");
        List<String> types = new java.util.ArrayList<>();
        n.get("events").forEach(e -> types.add(e.get("type").asText()));
        assertThat(types).containsExactly("PERTURB", "ESCAPE", "PERTURB", "TERMINATE");
        assertThat(n.get("state").get("terminated").asDouble()).isEqualTo(1.0);
        assertThat(n.get("optimizer").asText()).startsWith("PGD[pgd-explicit(");
    }

    static List<String> iterate(java.util.Iterator<String> it) {
        List<String> l = new java.util.ArrayList<>();
        it.forEachRemaining(l::add);
        return l;
    }

    // ------------------------------------------------------------------ comparator

    static ObjectNode sample() {
        ObjectNode o = GoldenJson.object();
        o.put("optimizer", "sgd(eta=0.1)");
        o.set("x", GoldenJson.array(new double[] {-0.0123456, 2.0}));
        o.set("f", GoldenJson.number(Double.NaN));
        o.putObject("state").set("v", GoldenJson.array(new double[] {1, 2, 3}));
        return o;
    }

    @Test
    void comparatorNamesWhatMovedFromWhatToWhat() {
        ObjectNode was = sample(), now = sample();
        assertThat(TrajectoryComparator.compare(was, now, TOL)).isEmpty();
        now.set("x", GoldenJson.array(new double[] {-0.0125, 2.0 * (1 + 1e-12)}));
        List<Difference> d = TrajectoryComparator.compare(was, now, TOL);
        assertThat(d).hasSize(1);
        assertThat(d.get(0).path()).isEqualTo("x[0]");
        assertThat(d.get(0).describe(TOL)).isEqualTo("x[0] was -0.0123456 now -0.0125 (rel. change 1.2e-2 > 1e-9)");
    }

    @Test
    void comparatorReportsStructureTextAndNonFiniteChanges() {
        ObjectNode was = sample(), now = sample();
        now.put("optimizer", "sgd(eta=0.2)");
        now.set("f", GoldenJson.number(0.5));
        ((ObjectNode) now.get("state")).set("v", GoldenJson.array(new double[] {1, 2}));
        ((ObjectNode) now.get("state")).set("m", GoldenJson.array(new double[] {0}));
        now.remove("x");
        List<String> d = TrajectoryComparator.compare(was, now, TOL).stream().map(x -> x.describe(TOL)).toList();
        assertThat(d).containsExactly(
                "optimizer was \"sgd(eta=0.1)\" now \"sgd(eta=0.2)\"",
                "x was [-0.0123456,2.0] now absent",
                "f was NaN now 0.5",
                "state.v.length was 3 now 2",
                "state.m was absent now [0.0]");
    }

    @Test
    void comparatorRejectsNullArguments() {
        assertThatThrownBy(() -> TrajectoryComparator.compare(null, sample(), TOL)).hasMessageContaining("was is null");
        assertThatThrownBy(() -> TrajectoryComparator.compare(sample(), null, TOL)).hasMessageContaining("now is null");
        assertThatThrownBy(() -> TrajectoryComparator.compare(sample(), sample(), null)).hasMessageContaining("tolerance is null");
    }

    /**
     * The tolerance absorbs rounding with a wide margin: a last-ulp change of every start coordinate (a stand-in for a
     * reassociated sum or a 1-ulp difference of Math.sin) moves no entry of any trajectory beyond a tolerance ten
     * times tighter than {@link Tolerance#DEFAULT}.
     */
    @TestFactory
    Stream<DynamicTest> lastUlpChangeOfTheStartStaysFarWithinTolerance() {
        Tolerance tight = new Tolerance(TOL.relative() / 10, TOL.absolute() / 10);
        return GoldenTrajectories.all().stream().map(t -> DynamicTest.dynamicTest(t.id(), () -> {
            double[] x0 = t.fixture().x0();
            for (int i = 0; i < x0.length; i++) x0[i] = Math.nextUp(x0[i]);
            ObjectNode was = t.run().toJson(), now = t.withStart(x0).run().toJson();
            was.remove("x0");
            now.remove("x0");
            assertThat(TrajectoryComparator.compare(was, now, tight)).as(t.id()).isEmpty();
        }));
    }

    // ------------------------------------------------------------------ catalogue

    @Test
    void everyAlgorithmsFactoryHasGoldenTrajectories() {
        Set<String> factories = Arrays.stream(Algorithms.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers()))
                .map(Method::getName).map(n -> "Algorithms." + n).collect(Collectors.toCollection(TreeSet::new));
        Set<String> covered = GoldenTrajectories.all().stream().map(GoldenTrajectory::factory).collect(Collectors.toSet());
        assertThat(covered).as("a new factory in Algorithms needs golden trajectories in GoldenTrajectories").containsAll(factories);
        assertThat(covered).contains("PerturbedGradientDescent", "GradientDescent");
    }

    @Test
    void everyOptimizerRunsOnTwoOrThreeFixturesWithUniqueIds() {
        Map<String, Integer> perKey = new HashMap<>();
        Set<String> ids = new java.util.HashSet<>();
        for (GoldenTrajectory t : GoldenTrajectories.all()) {
            perKey.merge(t.optimizerKey(), 1, Integer::sum);
            assertThat(ids.add(t.id())).as(t.id()).isTrue();
            assertThat(t.steps()).as(t.id()).isBetween(40, 200);
            assertThat(t.seed()).isEqualTo(GoldenTrajectories.SEED);
            assertThat(t.stream()).isEqualTo("golden-trajectory/" + t.id());
            assertThat(t.toString()).isEqualTo(t.id());
        }
        assertThat(perKey).allSatisfy((k, n) -> assertThat(n).as(k).isBetween(2, 4));
        assertThat(GoldenTrajectories.fixtures()).containsKeys("fig1", "quad4", "logsum3", "reddi", "cosine3", "cosine4-haar");
    }

    @Test
    void catalogueRejectsUnknownIds() {
        assertThatThrownBy(() -> GoldenTrajectories.byId("nope@fig1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("id = nope@fig1 is not allowed");
        assertThatThrownBy(() -> GoldenTrajectories.byId(null)).hasMessageContaining("id is null");
    }

    @Test
    void fixtureAndTrajectoryRejectBadInput() {
        LogSum f = new LogSum(2);
        assertThatThrownBy(() -> new Fixture("Bad Key", f, new double[2])).hasMessageContaining("key = Bad Key is not allowed");
        assertThatThrownBy(() -> new Fixture(null, f, new double[2])).hasMessageContaining("key is null");
        assertThatThrownBy(() -> new Fixture("k", null, new double[2])).hasMessageContaining("objective is null");
        assertThatThrownBy(() -> new Fixture("k", f, new double[3])).hasMessageContaining("x0 has length 3");
        assertThatThrownBy(() -> new Fixture("k", f, new double[] {0, Double.NaN})).hasMessageContaining("x0[1] = NaN");
        Fixture bare = new Fixture("logsum2", f, new double[] {1, 2});
        assertThatThrownBy(bare::problem).hasMessageContaining("needs a Problem");
        assertThatThrownBy(() -> GoldenTrajectory.stochastic("sgd", "Algorithms.sgd", bare, 10, 1, (p, a) -> Algorithms.sgd(p, 0.1)))
                .hasMessageContaining("needs a Problem");
        Fixture reddi = new Fixture("reddi", new ReddiCounterexample(10, 0.5), new double[] {0.5});
        GoldenTrajectory.OptimizerFactory sgd = (p, a) -> Algorithms.sgd(p, 0.1);
        assertThatThrownBy(() -> GoldenTrajectory.stochastic("sgd", "Algorithms.sgd", reddi, 0, 1, sgd)).hasMessageContaining("steps = 0");
        assertThatThrownBy(() -> GoldenTrajectory.stochastic("SGD", "Algorithms.sgd", reddi, 10, 1, sgd)).hasMessageContaining("optimizerKey = SGD");
        assertThatThrownBy(() -> GoldenTrajectory.stochastic("sgd", null, reddi, 10, 1, sgd)).hasMessageContaining("factory is null");
        assertThatThrownBy(() -> GoldenTrajectory.stochastic("sgd", "Algorithms.sgd", reddi, 10, 1, null)).hasMessageContaining("optimizer is null");
        assertThat(reddi.objective().domain()).isNotSameAs(Domain.UNCONSTRAINED);
        PgdParameters params = PgdParameters.explicit(0.5, 0.01, 1e-3, 1e-3, 10);
        assertThatThrownBy(() -> GoldenTrajectory.pgd("pgd", reddi, 10, 1, params)).hasMessageContaining("unconstrained for PGD");
        Fixture cos = new Fixture("cos", CosineFamily.axisAligned(2, 1), new double[] {Math.PI, 0});
        assertThatThrownBy(() -> GoldenTrajectory.pgd("pgd", cos, 10, 1, null)).hasMessageContaining("params is null");
        assertThatThrownBy(() -> GoldenTrajectory.gd("gd", cos, 10, 1, 0.0)).hasMessageContaining("eta = 0.0");
        assertThatThrownBy(() -> GoldenTrajectory.gd("gd", cos, 10, 1, 0.1).withOptimizer(sgd))
                .hasMessageContaining("a stochastic-optimizer trajectory");
        GoldenTrajectory wrongDim = GoldenTrajectory.stochastic("sgd", "Algorithms.sgd", reddi, 10, 1,
                (p, a) -> Algorithms.sgd(new ReddiCounterexample(10, 0.5), 0.1)).withOptimizer(
                (p, a) -> Algorithms.sgd(GoldenTrajectories.fixtures().get("fig1").problem(), 0.1));
        assertThatThrownBy(wrongDim::run).hasMessageContaining("optimizer has dimension 2");
        GoldenTrajectory sgdReddi = GoldenTrajectories.byId("sgd@reddi");
        assertThatThrownBy(() -> sgdReddi.withStart(new double[2])).hasMessageContaining("x0 has length 2");
        assertThatThrownBy(() -> sgdReddi.withStart(new double[] {Double.POSITIVE_INFINITY})).hasMessageContaining("x0[0] = Infinity");
        assertThatThrownBy(() -> sgdReddi.withOptimizer(null)).hasMessageContaining("optimizer is null");
        assertThatThrownBy(() -> sgdReddi.withTolerance(null)).hasMessageContaining("tolerance is null");
    }

    // ------------------------------------------------------------------ rebaseline property

    @Test
    void rebaselinePropertyParsing() {
        assertThat(GoldenBaseline.rebaselineRequested(null)).isFalse();
        assertThat(GoldenBaseline.rebaselineRequested("false")).isFalse();
        assertThat(GoldenBaseline.rebaselineRequested("FALSE")).isFalse();
        assertThat(GoldenBaseline.rebaselineRequested("")).isTrue();
        assertThat(GoldenBaseline.rebaselineRequested(" ")).isTrue();
        assertThat(GoldenBaseline.rebaselineRequested("true")).isTrue();
        assertThat(GoldenBaseline.rebaselineRequested("True")).isTrue();
        assertThatThrownBy(() -> GoldenBaseline.rebaselineRequested("yes")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("saddlecheck.rebaseline = yes is not allowed");
    }

    // ------------------------------------------------------------------ check and rebaseline on a directory

    static List<GoldenTrajectory> few() {
        return List.of(GoldenTrajectories.byId("sgd@reddi"), GoldenTrajectories.byId("adam@reddi"), GoldenTrajectories.byId("pgd@cosine3"));
    }

    @Test
    void missingBaselineTellsHowToCreateIt(@TempDir Path dir) {
        GoldenBaseline.CheckReport r = GoldenBaseline.check(dir.resolve("absent"), few());
        assertThat(r.ok()).isFalse();
        assertThat(r.missing()).hasSize(3);
        assertThat(r.checked()).isZero();
        assertThat(r.message()).contains("trajectory sgd@reddi has no baseline file").contains("run `./mvnw verify -Dsaddlecheck.rebaseline`");
    }

    @Test
    void rebaselineWritesChecksAndDetectsMovedAndStaleFiles(@TempDir Path dir) throws IOException {
        GoldenBaseline.RebaselineReport first = GoldenBaseline.rebaseline(dir, few());
        assertThat(first.created()).containsExactly("sgd@reddi", "adam@reddi", "pgd@cosine3");
        assertThat(first.summary()).startsWith("golden trajectories rebaselined: 3 new, 0 changed, 0 removed, 0 unchanged");
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("adam@reddi.json", "pgd@cosine3.json", "sgd@reddi.json"); // no temporary files left
        }
        GoldenBaseline.CheckReport ok = GoldenBaseline.check(dir, few());
        assertThat(ok.ok()).as(ok.message()).isTrue();
        assertThat(ok.checked()).isEqualTo(3);
        assertThat(ok.message()).isEqualTo("golden trajectories: 3 checked, 0 moved, 0 missing, 0 stale");

        // move x[0] of adam@reddi in the file, add a stale file and a non-JSON file (ignored)
        Path adam = dir.resolve("adam@reddi.json");
        JsonNode n = GoldenJson.read("adam", Files.readString(adam));
        double x0 = n.get("x").get(0).doubleValue();
        ((ObjectNode) n).set("x", GoldenJson.array(new double[] {x0 * (1 + 1e-6)}));
        Files.writeString(adam, GoldenJson.write(n));
        Files.writeString(dir.resolve("gone@fig1.json"), "{}\n");
        Files.writeString(dir.resolve("README.txt"), "notes\n");

        GoldenBaseline.CheckReport bad = GoldenBaseline.check(dir, few());
        assertThat(bad.ok()).isFalse();
        assertThat(bad.moved()).singleElement().asString()
                .startsWith("trajectory adam@reddi moved (adam(")
                .contains("x[0] was " + (x0 * (1 + 1e-6)) + " now " + x0 + " (rel. change 1e-6 > 1e-9)");
        assertThat(bad.stale()).singleElement().asString()
                .contains("gone@fig1.json is stale: no golden trajectory in GoldenTrajectories generates gone@fig1");
        assertThat(bad.message()).contains("1 moved, 0 missing, 1 stale").contains(GoldenBaseline.REBASELINE_COMMAND);

        // a malformed file is reported, not thrown
        Files.writeString(dir.resolve("sgd@reddi.json"), "{ broken");
        assertThat(GoldenBaseline.check(dir, few()).moved()).anySatisfy(m -> assertThat(m).contains("cannot be read")
                .contains("is not valid JSON"));

        GoldenBaseline.RebaselineReport second = GoldenBaseline.rebaseline(dir, few());
        assertThat(second.created()).isEmpty();
        assertThat(second.unchanged()).isEqualTo(1);
        assertThat(second.removed()).containsExactly("gone@fig1.json");
        assertThat(second.changed()).hasSize(2).anySatisfy(c -> assertThat(c).startsWith("adam@reddi: 1 entry beyond tolerance")
                .contains("x[0] was")).anySatisfy(c -> assertThat(c).startsWith("sgd@reddi (old file unreadable"));
        assertThat(GoldenBaseline.check(dir, few()).ok()).isTrue();
        assertThat(dir.resolve("README.txt")).exists();

        // text-only change (same values, other formatting) is rewritten and reported as such
        Path sgd = dir.resolve("sgd@reddi.json");
        Files.writeString(sgd, Files.readString(sgd).replace("\n", "\n\n"));
        assertThat(GoldenBaseline.check(dir, few()).ok()).isTrue();
        assertThat(GoldenBaseline.rebaseline(dir, few()).changed()).containsExactly("sgd@reddi (text only, values within tolerance)");
    }

    @Test
    void aTrajectoryThatNoLongerRunsCountsAsMoved(@TempDir Path dir) {
        GoldenTrajectory t = GoldenTrajectories.byId("sgd@reddi");
        GoldenBaseline.rebaseline(dir, List.of(t));
        GoldenTrajectory broken = t.withOptimizer((p, a) -> {
            throw new IllegalStateException("seeded failure");
        });
        GoldenBaseline.CheckReport r = GoldenBaseline.check(dir, List.of(broken));
        assertThat(r.moved()).singleElement().asString().contains("trajectory sgd@reddi moved: it no longer runs")
                .contains("seeded failure");
    }

    @Test
    void tighterToleranceIsStatedInTheHeaderAndChecked(@TempDir Path dir) {
        GoldenTrajectory t = GoldenTrajectories.byId("sgd@reddi");
        GoldenBaseline.rebaseline(dir, List.of(t));
        GoldenBaseline.CheckReport r = GoldenBaseline.check(dir, List.of(t.withTolerance(new Tolerance(0, 0))));
        assertThat(r.moved()).singleElement().asString().contains("tolerance was \"relative 1e-9");
    }

    @Test
    void directoryOperationsRejectBadInput(@TempDir Path dir) {
        assertThatThrownBy(() -> GoldenBaseline.check(null, few())).hasMessageContaining("dir is null");
        assertThatThrownBy(() -> GoldenBaseline.check(dir, null)).hasMessageContaining("trajectories is null");
        assertThatThrownBy(() -> GoldenBaseline.rebaseline(null, few())).hasMessageContaining("dir is null");
        assertThatThrownBy(() -> GoldenBaseline.rebaseline(dir, null)).hasMessageContaining("trajectories is null");
        GoldenTrajectory t = GoldenTrajectories.byId("sgd@reddi");
        assertThatThrownBy(() -> GoldenBaseline.check(dir, List.of(t, t))).hasMessageContaining("appears twice");
        assertThatThrownBy(() -> GoldenBaseline.rebaseline(dir, List.of(t, t))).hasMessageContaining("appears twice");
        assertThatThrownBy(() -> GoldenBaseline.compare(null, "{}")).hasMessageContaining("trajectory is null");
        assertThatThrownBy(() -> GoldenBaseline.directory(null)).hasMessageContaining("basedir is null");
        assertThat(GoldenBaseline.directory(Path.of("/p"))).isEqualTo(Path.of("/p/src/test/resources/baseline/trajectories"));
        assertThat(GoldenBaseline.fileName(t)).isEqualTo("sgd@reddi.json");
    }
}
