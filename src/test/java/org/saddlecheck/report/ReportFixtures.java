package org.saddlecheck.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A synthetic project for the report tests: two claims.json shards covering every verdict and kind, a rate
 * with exponent and series, bounds with ratios, a reproduction with a curves CSV and an experiment JSON,
 * NaN/null values, a conflicting and an identical duplicate, an id that needs sanitising.
 */
final class ReportFixtures {
    private ReportFixtures() {}

    /** Ids in shard 1 then the new one in shard 2, i.e. the merged order. */
    static final List<String> IDS = List.of("STAIB-T4.1", "STAIB-P4.1", "STAIB-FIG1", "JIN-L11", "STAIB-T4.4",
            "STAIB-S5.1", "STAIB-VAR-COV", "ODD/ID: x<y>", "JIN-T3");

    record Project(Path root, Path shard1, Path shard2, Path experiments) {
        Path reports() {
            return root.resolve("reports");
        }
    }

    static Project create(Path root) throws IOException {
        Files.createDirectories(root.resolve("proofs-notes"));
        for (String id : List.of("STAIB-T4.1", "STAIB-P4.1", "JIN-L11")) {
            Files.writeString(root.resolve("proofs-notes/" + id + ".md"), "# " + id + "\n\n## Statement (paper)\nAssume the step bound "
                    + "|x_t - x_{t+1}| <= eta M and <b>raw</b> html.\n\n| constant | value |\n|---|---|\n| L | 1 |\n\n## How the check works\nLater section.\n");
        }
        Path claimsDir = Files.createDirectories(root.resolve("target/claims"));
        Path exp = Files.createDirectories(root.resolve("target/experiments/fig1"));
        Files.writeString(exp.resolve("fig1.csv"), fig1Csv(), StandardCharsets.UTF_8);
        Files.writeString(exp.resolve("fig1.json"), FIG1_JSON, StandardCharsets.UTF_8);
        Path s1 = claimsDir.resolve("claims.json");
        Path s2 = claimsDir.resolve("claims-shard2.json");
        Files.writeString(s1, SHARD1, StandardCharsets.UTF_8);
        Files.writeString(s2, SHARD2, StandardCharsets.UTF_8);
        return new Project(root, s1, s2, root.resolve("target/experiments"));
    }

    static String fig1Csv() {
        StringBuilder b = new StringBuilder("method,eta,iteration,mean,q10,q50,q90\n");
        String[][] runs = {{"SGD", "0.01", "0.0012"}, {"SGD", "0.007", "0.0009"}, {"RMSProp", "0.001", "0.003"},
            {"RMSProp", "0.0001", "0.0001"}};
        for (String[] r : runs) {
            double rate = Double.parseDouble(r[2]);
            for (int t = 0; t <= 10000; t += 100) {
                double mean = -0.0125 * (1 - Math.exp(-rate * t));
                String meanText = t == 500 && r[0].equals("SGD") ? "NaN" : String.format(Locale.ROOT, "%.6g", mean);
                b.append(r[0]).append(',').append(r[1]).append(',').append(t).append(',').append(meanText).append(',')
                        .append(String.format(Locale.ROOT, "%.6g,%.6g,%.6g", mean - 0.002, mean, mean + 0.002)).append('\n');
            }
        }
        return b.toString();
    }

    static final String FIG1_JSON = """
            {"runs":[
              {"method":"SGD","eta":0.01,"trials":200,"steps":10000,"escapeIterations":{"median":3073,"p10":1500,"p90":6000},
               "escapedFraction":0.97,"finalObjective":{"mean":-0.0105,"median":-0.0116}},
              {"method":"RMSProp","eta":0.001,"trials":200,"steps":10000,"escapeIterations":{"median":2651,"p10":1200,"p90":5200},
               "escapedFraction":0.99,"finalObjective":{"mean":-0.0124,"median":-0.0125}}
            ]}
            """;

    static final String SHARD1 = """
            { "masterSeed": 20190126, "gitCommit": "abc123", "budget": "standard", "jdk": "25.0.1", "cpu": "amd64 x 2",
              "threads": 2, "backend": "cpu", "startedAt": "2026-11-22T14:00:00Z", "durationMs": 123456,
              "claims": [
                { "id": "STAIB-T4.1", "title": "Estimation from moving sequences", "source": "Staib et al. 2019, §4.1, Thm. 4.1",
                  "kind": "high-probability", "verdict": "HOLDS", "trials": 1200, "seed": -123456789,
                  "falseFailureRate": 1.2e-6, "durationMs": 3456,
                  "statement": "With probability ≥ 1−δ, ‖Ĝ_t − G(x_t)‖ ≤ O(η^{1/3}) when β = 1 − Cη^{2/3}.",
                  "bound": "q_{1−δ}(‖Ĝ_T − G(x_T)‖) <= B(η, δ, L_G, R)",
                  "proofNote": "proofs-notes/STAIB-T4.1.md",
                  "evidence": "K = 3 exceedances in N = 1200 trials (δ = 0.05); p = 1.0.",
                  "details": { "assumptions": ["‖G(x) − G(y)‖ ≤ L_G‖x − y‖", "‖Y − E Y‖ ≤ R a.s."],
                               "delta": 0.05, "exceedances": 3, "pValue": 1.0, "instances": [
                                 {"d": 3, "eta": 1e-4, "sequence": "straight line", "ratio": 0.9},
                                 {"d": 5, "eta": 1e-3, "sequence": "zig-zag", "ratio": 0.41} ] },
                  "tightness": {"min": 0.4, "median": 0.6, "max": 0.9, "worst": "d=3, eta=1e-4, straight line"},
                  "exponent": null,
                  "series": { "ratios": [0.41, 0.55, null, 0.6, "NaN", 0.72, 0.9, 0.0, 0.5, 0.63] } },
                { "id": "STAIB-P4.1", "title": "Second-moment matrix sequence is estimable", "source": "Staib et al. 2019, §4.1, Prop. 4.1",
                  "kind": "rate", "verdict": "HOLDS", "trials": 4000, "seed": 42, "falseFailureRate": 1e-4, "durationMs": 65432,
                  "statement": "Estimation error vs η at β = 1 − Cη^{2/3} scales as η^{1/3}.",
                  "bound": "slope CI ∩ [1/3 − 0.05, 1/3 + 0.05] ≠ ∅",
                  "evidence": "Fitted slope 0.324 with bootstrap CI [0.30, 0.35].",
                  "details": { "rateXLabel": "step size η", "rateYLabel": "q95 of ‖Ĝ − G‖", "localSlopes": [0.31, 0.33, 0.32, 0.34] },
                  "tightness": null,
                  "exponent": {"fitted": 0.324, "ciLow": 0.30, "ciHigh": 0.35, "predicted": 0.3333},
                  "series": { "x": [1e-5, 3e-5, 1e-4, 3e-4, 1e-3, 3e-3],
                              "y": [0.0215, 0.0307, 0.0461, 0.0660, 0.0968, 0.139],
                              "yLow": [0.020, 0.029, null, 0.062, 0.091, 0.131],
                              "yHigh": [0.023, 0.033, 0.049, 0.070, 0.103, 0.147] } },
                { "id": "STAIB-FIG1", "title": "Escaping a saddle: SGD vs RMSProp", "source": "Staib et al. 2019, §6, Fig. 1",
                  "kind": "reproduction", "verdict": "HOLDS", "trials": 800, "seed": 7, "falseFailureRate": 0, "durationMs": 12000,
                  "statement": "RMSProp with η = 0.001 escapes as fast as SGD with η = 0.01 and converges closer to f*.",
                  "bound": "median escape ratio in [0.5, 2]",
                  "evidence": "Ratio of median escape times 1.16.",
                  "details": { "curvesCsv": "experiments/fig1/fig1.csv", "curvesX": "iteration", "curvesGroup": ["method", "eta"],
                               "curvesY": "mean", "curvesBand": ["q10", "q90"], "curvesYLabel": "objective f(x_t)",
                               "curvesRefLines": [{"value": -0.0126491, "label": "f* = −0.01265"}],
                               "curves": [ {"csv": "experiments/fig1/fig1.csv", "x": "iteration", "y": "q50", "group": "eta",
                                            "filter": {"method": "RMSProp"}, "title": "RMSProp median", "xLabel": "iteration t"},
                                           {"csv": "experiments/fig1/missing.csv"} ],
                               "experimentJson": "experiments/fig1/fig1.json" },
                  "tightness": null, "exponent": null, "series": {} },
                { "id": "JIN-L11", "title": "Escape from a saddle after one perturbation", "source": "Jin et al. 2017, Lemma 11",
                  "kind": "exact", "verdict": "VIOLATED", "trials": 50, "seed": 11, "falseFailureRate": 0, "durationMs": 800,
                  "statement": "f(x_{t_thres}) − f(x̃) ≤ −f_thres", "bound": "ratio <= 1",
                  "evidence": "Ratio 1.3 at d = 10.", "details": {},
                  "tightness": {"min": 0.2, "median": 0.7, "max": 1.3, "worst": "d=10"},
                  "exponent": null, "series": {"ratios": [0.2, 0.7, 1.3]} },
                { "id": "STAIB-T4.4", "title": "Second-order convergence of Alg 4", "source": "Staib et al. 2019, §4.2.3, Thm. 4.4",
                  "kind": "rate", "verdict": "INCONCLUSIVE", "trials": null, "seed": null, "falseFailureRate": null,
                  "durationMs": null, "statement": "T = O(τ^{-5})", "bound": "", "evidence": "Pre-asymptotic regime.",
                  "details": { "nested": {"a": {"b": {"c": {"d": [1, 2]}}}}, "matrix": [[1, 2], [3, 4]],
                               "long": [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15], "flag": true, "nothing": null },
                  "tightness": {"min": null, "median": null, "max": null, "worst": ""},
                  "exponent": {"fitted": NaN, "ciLow": null, "ciHigh": "NaN", "predicted": -5},
                  "series": { "x": [1, 2, null], "y": [null, null, null] } },
                { "id": "STAIB-S5.1", "title": "Choosing ε", "source": "Staib et al. 2019, §5.1",
                  "kind": "bound-comparison", "verdict": "KNOWN-INCONSISTENCY", "trials": 1, "seed": 5,
                  "falseFailureRate": 0, "durationMs": 5, "statement": "ε ~ τ^{1/2}", "bound": "B_1 ≤ B_2",
                  "evidence": "The printed exponents disagree.", "details": {"printed": "1/2", "derived": "1/3"},
                  "tightness": null, "exponent": null, "series": {} },
                { "id": "STAIB-VAR-COV", "title": "Two-sample covariance preconditioner", "source": "Staib et al. 2019, §5.3",
                  "kind": "expectation", "verdict": "HOLDS", "trials": 10000, "seed": 9, "falseFailureRate": 1e-5,
                  "durationMs": 2100, "statement": "E[Y] = 2Σ", "bound": "mean(Y/2) → Σ",
                  "evidence": "Factor 2 confirmed.", "details": {}, "tightness": null, "exponent": null,
                  "series": {"ratios": [null, "NaN", -1.0]} },
                { "id": "ODD/ID: x<y>", "title": "An id that needs sanitising & <escaping>", "source": "test",
                  "kind": "exact", "verdict": "HOLDS", "trials": 1, "seed": 1, "falseFailureRate": 0, "durationMs": 1,
                  "statement": "a < b && c > d", "bound": "x <= y", "evidence": "<script>alert(1)</script>", "details": {},
                  "tightness": null, "exponent": null, "series": {} }
              ] }
            """;

    static final String SHARD2 = """
            { "masterSeed": 777, "gitCommit": "def456", "budget": "standard", "jdk": "25.0.1", "cpu": "amd64 x 2",
              "threads": 2, "backend": "cpu", "startedAt": "2026-11-22T15:00:00Z", "durationMs": 1000,
              "claims": [
                { "id": "JIN-L11", "title": "Escape from a saddle after one perturbation", "source": "Jin et al. 2017, Lemma 11",
                  "kind": "exact", "verdict": "HOLDS", "trials": 50, "seed": 11, "falseFailureRate": 0, "durationMs": 700,
                  "statement": "f(x_{t_thres}) − f(x̃) ≤ −f_thres", "bound": "ratio <= 1",
                  "evidence": "Rerun after the fix.", "details": {},
                  "tightness": {"min": 0.2, "median": 0.5, "max": 0.8, "worst": "d=10"},
                  "exponent": null, "series": {"ratios": [0.2, 0.5, 0.8]} },
                { "id": "STAIB-S5.1", "title": "Choosing ε", "source": "Staib et al. 2019, §5.1",
                  "kind": "bound-comparison", "verdict": "KNOWN-INCONSISTENCY", "trials": 1, "seed": 5,
                  "falseFailureRate": 0, "durationMs": 5, "statement": "ε ~ τ^{1/2}", "bound": "B_1 ≤ B_2",
                  "evidence": "The printed exponents disagree.", "details": {"printed": "1/2", "derived": "1/3"},
                  "tightness": null, "exponent": null, "series": {} },
                { "id": "JIN-T3", "title": "Main theorem", "source": "Jin et al. 2017, Thm. 3", "kind": "high-probability",
                  "verdict": "HOLDS", "trials": 300, "seed": 3, "falseFailureRate": 1e-6, "durationMs": 4500,
                  "statement": "PGD finds an ε-SOSP in Õ(ℓΔ_f/ε^2) iterations", "bound": "iterations ≤ bound",
                  "evidence": "All 300 runs within the bound.", "details": {},
                  "tightness": {"min": 1e-9, "median": 1e-7, "max": 1e-5, "worst": "d=10, eps=1e-3"},
                  "exponent": null, "series": {"ratios": [1e-9, 3e-8, 1e-7, 2e-6, 1e-5]} }
              ] }
            """;
}
