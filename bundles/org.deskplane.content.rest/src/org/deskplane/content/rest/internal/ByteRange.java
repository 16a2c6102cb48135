package org.deskplane.content.rest.internal;

import java.util.Optional;

/** One HTTP byte range resolved against a length: {@code [first, last]} inclusive. */
record ByteRange(long first, long last) {

    long length() {
        return last - first + 1;
    }

    /**
     * Parses a {@code Range} header for a representation of {@code size} bytes. Empty when the header is absent,
     * not a bytes range, or asks for several ranges (then the whole file is sent, which RFC 9110 allows).
     *
     * @throws IllegalArgumentException when the range cannot be satisfied (416)
     */
    static Optional<ByteRange> parse(String header, long size) {
        if (header == null || !header.startsWith("bytes=") || header.indexOf(',') >= 0) {
            return Optional.empty();
        }
        String spec = header.substring("bytes=".length()).strip();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return Optional.empty();
        }
        try {
            String from = spec.substring(0, dash).strip();
            String to = spec.substring(dash + 1).strip();
            // anything but digits ("--1", "1-x") is not a range at all: the header is ignored (RFC 9110)
            if (!from.matches("\\d*") || !to.matches("\\d*") || (from.isEmpty() && to.isEmpty())) {
                return Optional.empty();
            }
            if (from.isEmpty()) {
                long suffix = Long.parseLong(to);
                if (suffix <= 0 || size == 0) {
                    throw new IllegalArgumentException("unsatisfiable range " + header);
                }
                return Optional.of(new ByteRange(Math.max(0, size - suffix), size - 1));
            }
            long first = Long.parseLong(from);
            long last = to.isEmpty() ? size - 1 : Math.min(Long.parseLong(to), size - 1);
            if (first < 0 || first >= size || last < first) {
                throw new IllegalArgumentException("unsatisfiable range " + header + " for " + size + " bytes");
            }
            return Optional.of(new ByteRange(first, last));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
