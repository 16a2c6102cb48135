package org.deskplane.print.wire.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.deskplane.print.wire.Answer;
import org.deskplane.print.wire.JobHeader;
import org.deskplane.print.wire.JobInfo;
import org.deskplane.print.wire.PrintWire;
import org.deskplane.print.wire.PrinterList;
import org.deskplane.print.wire.WireException;
import org.deskplane.print.wire.WireReader;
import org.junit.jupiter.api.Test;

/**
 * Mutated valid encodings (seeded, so a failure can be replayed): each read ends in a value or a WireException (or a
 * refusal, for an error answer) — never a runtime exception, an error or a hang.
 */
class MutationTest {

    private static final long SEED = 0x5EED_0005L;
    private static final int ITERATIONS = 20_000;

    private interface Decoder {
        Object decode(byte[] body) throws Exception;
    }

    private record Sample(String name, byte[] body, Decoder decoder) {
    }

    private static final List<Sample> SAMPLES = List.of(
            new Sample("printers answer", Messages.printersAnswer(), body -> {
                WireReader r = Answer.read(body);
                Object value = PrinterList.read(r);
                r.end();
                return value;
            }),
            new Sample("status answer", Messages.statusAnswer(), body -> {
                WireReader r = Answer.read(body);
                Object value = JobInfo.readList(r);
                r.end();
                return value;
            }),
            new Sample("job header", Messages.header().toBytes(), JobHeader::read),
            new Sample("plain job header", Messages.plainHeader().toBytes(), JobHeader::read),
            new Sample("error answer", Answer.error(PrintWire.UNAVAILABLE, "no router"), Answer::read),
            new Sample("status request", Messages.statusRequest(List.of("a", "b-2", "c.3")), body -> {
                WireReader r = WireReader.of(body);
                Object value = r.strings();
                r.end();
                return value;
            }));

    @Test
    void everyMutationEndsInAValueOrAWireException() {
        Random random = new Random(SEED);
        int values = 0;
        int wireExceptions = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            Sample sample = SAMPLES.get(random.nextInt(SAMPLES.size()));
            byte[] mutated = mutate(sample.body(), random);
            try {
                sample.decoder().decode(mutated);
                values++;
            } catch (WireException e) {
                assertTrue(PrintWire.INVALID.equals(e.code()) || PrintWire.UNSUPPORTED_VERSION.equals(e.code()),
                        "code " + e.code());
                wireExceptions++;
            } catch (Answer.Refused e) {
                values++; // a well-formed error answer is a value too
            } catch (Throwable t) {
                fail("iteration " + i + " (seed " + SEED + ") of " + sample.name() + ": " + t + " for "
                        + Arrays.toString(mutated), t);
            }
        }
        assertEquals(ITERATIONS, values + wireExceptions);
        assertTrue(wireExceptions > 0 && values > 0, values + " values, " + wireExceptions + " wire exceptions");
    }

    /** One to three edits: flip, overwrite, length-like 0xFF runs, insert, delete, cut, or append. */
    private static byte[] mutate(byte[] original, Random random) {
        byte[] b = original.clone();
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits; e++) {
            int at = b.length == 0 ? 0 : random.nextInt(b.length);
            switch (random.nextInt(7)) {
                case 0 -> {
                    if (b.length > 0) {
                        b[at] ^= (byte) (1 << random.nextInt(8));
                    }
                }
                case 1 -> {
                    if (b.length > 0) {
                        b[at] = (byte) random.nextInt(256);
                    }
                }
                case 2 -> {
                    for (int k = at; k < Math.min(b.length, at + 2); k++) {
                        b[k] = (byte) 0xFF;
                    }
                }
                case 3 -> {
                    byte[] longer = new byte[b.length + 1];
                    System.arraycopy(b, 0, longer, 0, at);
                    longer[at] = (byte) random.nextInt(256);
                    System.arraycopy(b, at, longer, at + 1, b.length - at);
                    b = longer;
                }
                case 4 -> {
                    if (b.length > 0) {
                        byte[] shorter = new byte[b.length - 1];
                        System.arraycopy(b, 0, shorter, 0, at);
                        System.arraycopy(b, at + 1, shorter, at, b.length - at - 1);
                        b = shorter;
                    }
                }
                case 5 -> b = Arrays.copyOf(b, at);
                default -> {
                    byte[] tail = new byte[1 + random.nextInt(8)];
                    random.nextBytes(tail);
                    byte[] longer = Arrays.copyOf(b, b.length + tail.length);
                    System.arraycopy(tail, 0, longer, b.length, tail.length);
                    b = longer;
                }
            }
        }
        return b;
    }
}
