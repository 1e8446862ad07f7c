package org.saddlecheck.data;

/**
 * No digit data was found in any of the places {@link DigitData#locate} looks. The message says where it looked and
 * gives the one-line command that fetches the data ({@link DigitData#FETCH_HINT}). Not an
 * {@link IllegalArgumentException}: nothing the caller passed is wrong, the data is simply not installed.
 */
public final class DataUnavailableException extends RuntimeException {
    public DataUnavailableException(String message) {
        super(message);
    }
}
