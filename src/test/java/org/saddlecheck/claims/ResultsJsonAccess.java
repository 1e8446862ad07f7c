package org.saddlecheck.claims;
public final class ResultsJsonAccess {
    public static String str(Object v) {
        try { return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(v); } catch (Exception e) { return String.valueOf(v); }
    }
}
