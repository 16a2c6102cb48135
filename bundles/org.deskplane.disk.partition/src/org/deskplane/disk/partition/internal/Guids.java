package org.deskplane.disk.partition.internal;

/** GUIDs as GPT stores them: the first three fields little-endian, the last two as bytes. */
final class Guids {

    private Guids() {
    }

    static boolean isZero(byte[] b, int at) {
        for (int i = 0; i < 16; i++) {
            if (b[at + i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** "c12a7328-f81f-11d2-ba4b-00a0c93ec93b" (lower case, as the API asks). */
    static String format(byte[] b, int at) {
        return String.format("%08x-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x", LittleEndian.u32(b, at),
                LittleEndian.u16(b, at + 4), LittleEndian.u16(b, at + 6), b[at + 8], b[at + 9], b[at + 10],
                b[at + 11], b[at + 12], b[at + 13], b[at + 14], b[at + 15]);
    }
}
