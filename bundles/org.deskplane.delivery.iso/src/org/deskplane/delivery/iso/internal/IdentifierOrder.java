package org.deskplane.delivery.iso.internal;

import java.util.Comparator;

/**
 * ECMA-119 9.3 record order: by name, then extension, each compared as if the shorter were padded with
 * spaces. Readers that binary-search a directory rely on it. Units are bytes (primary tree) or UTF-16 code
 * units (Joliet), the version suffix never differs here.
 */
final class IdentifierOrder {

    static final Comparator<Entry> PRIMARY = (a, b) -> compare(units(a.isoId, 1), units(b.isoId, 1),
            a.isDirectory(), b.isDirectory());
    static final Comparator<Entry> JOLIET = (a, b) -> compare(units(a.jolietId, 2), units(b.jolietId, 2),
            a.isDirectory(), b.isDirectory());

    private IdentifierOrder() {
    }

    private static int[] units(byte[] identifier, int width) {
        int[] units = new int[identifier.length / width];
        for (int i = 0; i < units.length; i++) {
            units[i] = width == 1 ? identifier[i] & 0xFF
                    : (identifier[2 * i] & 0xFF) << 8 | identifier[2 * i + 1] & 0xFF;
        }
        int end = units.length;
        for (int i = 0; i < units.length; i++) {
            if (units[i] == ';') {
                end = i;
                break;
            }
        }
        return java.util.Arrays.copyOf(units, end);
    }

    private static int compare(int[] a, int[] b, boolean aDirectory, boolean bDirectory) {
        int aDot = aDirectory ? a.length : lastDot(a);
        int bDot = bDirectory ? b.length : lastDot(b);
        int byName = padded(a, 0, aDot, b, 0, bDot);
        if (byName != 0) {
            return byName;
        }
        return padded(a, Math.min(a.length, aDot + 1), a.length, b, Math.min(b.length, bDot + 1), b.length);
    }

    private static int lastDot(int[] units) {
        for (int i = units.length - 1; i >= 0; i--) {
            if (units[i] == '.') {
                return i;
            }
        }
        return units.length;
    }

    private static int padded(int[] a, int aFrom, int aTo, int[] b, int bFrom, int bTo) {
        int length = Math.max(aTo - aFrom, bTo - bFrom);
        for (int i = 0; i < length; i++) {
            int x = aFrom + i < aTo ? a[aFrom + i] : ' ';
            int y = bFrom + i < bTo ? b[bFrom + i] : ' ';
            if (x != y) {
                return Integer.compare(x, y);
            }
        }
        return 0;
    }
}
