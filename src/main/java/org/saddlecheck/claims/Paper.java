package org.saddlecheck.claims;

/** The papers under test. */
public enum Paper {
    STAIB2019("Staib, Reddi, Kale, Kumar, Sra. Escaping Saddle Points with Adaptive Gradient Methods. ICML 2019"),
    JIN2017("Jin, Ge, Netrapalli, Kakade, Jordan. How to Escape Saddle Points Efficiently. ICML 2017"),
    BOTH("Staib et al. (ICML 2019) and Jin et al. (ICML 2017)");

    private final String citation;

    Paper(String citation) {
        this.citation = citation;
    }

    public String citation() {
        return citation;
    }
}
