package org.deskplane.ipp.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;

import org.deskplane.ipp.IppLimits;
import org.deskplane.ipp.IppMessage;
import org.deskplane.ipp.IppParseException;
import org.deskplane.ipp.IppReader;
import org.deskplane.ipp.IppWriter;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutation loop: valid messages with bytes flipped, inserted, deleted or cut. Every outcome must be
 * a parsed message (which then round-trips) or an {@link IppParseException} — never another exception, a hang
 * or an allocation past the limits. The seed is printed so a failure can be replayed.
 */
class IppFuzzTest {

    private static final long SEED = Long.getLong("deskplane.ipp.fuzzSeed", 0x1DEC0DEL);
    private static final int ROUNDS = 20_000;

    @Test
    void mutatedMessagesParseOrFailCleanly() {
        byte[] original = IppWriter.toBytes(IppRoundTripTest.everyValueTag());
        Random random = new Random(SEED);
        IppLimits limits = new IppLimits(64 * 1024, 500, 2000, 255, 4096, 4);
        int parsed = 0;
        int refused = 0;
        for (int round = 0; round < ROUNDS; round++) {
            byte[] mutated = mutate(original, random);
            try {
                IppMessage m = IppReader.read(mutated, limits);
                // whatever parsed must write and parse back to the same message
                assertEquals(m, IppReader.read(IppWriter.toBytes(m), IppLimits.DEFAULT), "round " + round);
                parsed++;
            } catch (IppParseException e) {
                assertTrue(e.statusCode() >= 0x0400, "error status for round " + round);
                refused++;
            } catch (Exception | StackOverflowError | OutOfMemoryError e) {
                fail("round " + round + " (seed " + SEED + ") threw " + e, e);
            }
        }
        System.out.printf("IPP fuzz seed %x: %d parsed, %d refused%n", SEED, parsed, refused);
        assertTrue(parsed > 0 && refused > 0, "the mutations should both keep and break messages");
    }

    private static byte[] mutate(byte[] original, Random random) {
        byte[] b = original.clone();
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits; i++) {
            int pos = random.nextInt(b.length);
            switch (random.nextInt(5)) {
                case 0 -> b[pos] = (byte) random.nextInt(256);
                case 1 -> b[pos] ^= (byte) (1 << random.nextInt(8));
                case 2 -> { // delete a run
                    int n = Math.min(b.length - pos, 1 + random.nextInt(8));
                    byte[] c = new byte[b.length - n];
                    System.arraycopy(b, 0, c, 0, pos);
                    System.arraycopy(b, pos + n, c, pos, b.length - pos - n);
                    b = c.length > 0 ? c : b;
                }
                case 3 -> { // insert random bytes
                    int n = 1 + random.nextInt(8);
                    byte[] c = new byte[b.length + n];
                    System.arraycopy(b, 0, c, 0, pos);
                    for (int k = 0; k < n; k++) {
                        c[pos + k] = (byte) random.nextInt(256);
                    }
                    System.arraycopy(b, pos, c, pos + n, b.length - pos);
                    b = c;
                }
                default -> { // length fields are the interesting target: make one huge
                    if (pos + 1 < b.length) {
                        b[pos] = (byte) 0x7F;
                        b[pos + 1] = (byte) 0xFF;
                    }
                }
            }
        }
        return b;
    }
}
