package org.deskplane.print.convert;

/** A document could not be converted: malformed, beyond the converter's limits, or of a kind it refuses. */
public final class ConversionException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConversionException(String message) {
        super(message);
    }

    public ConversionException(String message, Throwable cause) {
        super(message, cause);
    }
}
