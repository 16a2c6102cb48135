package org.deskplane.delivery.iso.internal;

/** Checks volume labels: the guest agent looks the disc up by it, so it must read the same everywhere. */
final class VolumeLabel {

    static final int MAX_LENGTH = 16;

    private VolumeLabel() {
    }

    static String check(String label) {
        if (label == null || label.isEmpty() || label.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("volume label must be 1 to " + MAX_LENGTH
                    + " characters of A-Z, 0-9 and '_', got " + describe(label));
        }
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_')) {
                throw new IllegalArgumentException("volume label may hold only A-Z, 0-9 and '_' (ISO 9660 "
                        + "d-characters), got " + describe(label) + " with '" + c + "' at " + i);
            }
        }
        return label;
    }

    private static String describe(String label) {
        return label == null ? "null" : "\"" + label + "\" (" + label.length() + " characters)";
    }
}
