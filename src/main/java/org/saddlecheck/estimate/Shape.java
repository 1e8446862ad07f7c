package org.saddlecheck.estimate;

/** Storage of a second-moment estimate: full d×d row-major ({@code d*d} doubles) or its diagonal ({@code d}). */
public enum Shape {
    FULL, DIAGONAL;

    public int length(int d) {
        return this == FULL ? d * d : d;
    }
}
