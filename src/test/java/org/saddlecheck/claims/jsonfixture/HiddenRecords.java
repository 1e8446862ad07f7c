package org.saddlecheck.claims.jsonfixture;

/** Records of a package other than the claims engine's, not public: only readable by reflection with setAccessible. */
public final class HiddenRecords {
    private HiddenRecords() {}

    record Hidden(int a, String b) {}

    record Throwing(int a) {
        @Override
        public int a() {
            throw new IllegalStateException("no");
        }
    }

    public static Object hidden(int a, String b) {
        return new Hidden(a, b);
    }

    public static Object throwing() {
        return new Throwing(1);
    }
}
