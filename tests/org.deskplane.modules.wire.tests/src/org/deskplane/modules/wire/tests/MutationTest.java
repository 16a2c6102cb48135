package org.deskplane.modules.wire.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Random;

import org.deskplane.modules.wire.ConfigureMessage;
import org.deskplane.modules.wire.ModuleAnswer;
import org.deskplane.modules.wire.ModuleRef;
import org.deskplane.modules.wire.QueryMessage;
import org.deskplane.modules.wire.StatusMessage;
import org.deskplane.modules.wire.UploadHeader;
import org.deskplane.modules.wire.WireException;
import org.junit.jupiter.api.Test;

/**
 * Mutation fuzzing: valid messages with bytes flipped, inserted, removed or overwritten by extreme values. A decoder
 * either returns a message (which then re-encodes and decodes to itself) or throws WireException — never anything
 * else (no IndexOutOfBounds, no OutOfMemoryError, no IllegalArgumentException from a record).
 */
class MutationTest {
    private static final int ROUNDS = 20_000;

    private interface Decoder {
        Object read(byte[] b) throws WireException;
    }

    private record Case(byte[] seed, Decoder decoder) {
    }

    @Test
    void mutatedMessagesDecodeOrFailCleanly() {
        List<Case> cases = List.of(
                new Case(new QueryMessage("org.example.scan", "[1.0,2.0)").toBytes(), QueryMessage::read),
                new Case(new ModuleRef("org.example.scan", "1.0.0").toBytes(), ModuleRef::read),
                new Case(new ConfigureMessage("org.example.scan", "depth", "3").toBytes(), ConfigureMessage::read),
                new Case(new StatusMessage(12).toBytes(), StatusMessage::read),
                new Case(new UploadHeader(4096, Samples.SHA).toBytes(), UploadHeader::read),
                new Case(ModuleAnswer.of(Samples.query()).toBytes(), ModuleAnswer::read),
                new Case(ModuleAnswer.of(Samples.request()).toBytes(), ModuleAnswer::read),
                new Case(ModuleAnswer.of(Samples.module("1.0.0")).toBytes(), ModuleAnswer::read));
        Random random = new Random(20261122);
        int decoded = 0;
        int refused = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Case c = cases.get(round % cases.size());
            byte[] input = mutate(c.seed(), random);
            try {
                Object message = c.decoder().read(input);
                decoded++;
                if (message instanceof ModuleAnswer a) {
                    ModuleAnswer again = ModuleAnswer.read(a.toBytes());
                    assertTrue(again.equals(a), "a decoded answer re-encodes to itself");
                }
            } catch (WireException e) {
                refused++;
            } catch (RuntimeException | Error e) {
                fail("round " + round + ": " + e + " for " + java.util.HexFormat.of().formatHex(input), e);
            }
        }
        assertTrue(refused > ROUNDS / 4, "the mutations were mostly refused: " + refused);
        assertTrue(decoded > 0, "some mutations stay valid messages: " + decoded);
    }

    private static byte[] mutate(byte[] seed, Random random) {
        byte[] b = seed.clone();
        int edits = 1 + random.nextInt(3);
        for (int i = 0; i < edits; i++) {
            int kind = random.nextInt(5);
            if (b.length == 0) {
                return new byte[] {(byte) random.nextInt(256)};
            }
            int at = random.nextInt(b.length);
            switch (kind) {
                case 0 -> b[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> b[at] = (byte) (random.nextBoolean() ? 0xFF : 0x00);
                case 2 -> {
                    byte[] shorter = new byte[b.length - 1];
                    System.arraycopy(b, 0, shorter, 0, at);
                    System.arraycopy(b, at + 1, shorter, at, b.length - at - 1);
                    b = shorter;
                }
                case 3 -> {
                    byte[] longer = new byte[b.length + 1];
                    System.arraycopy(b, 0, longer, 0, at);
                    longer[at] = (byte) random.nextInt(256);
                    System.arraycopy(b, at, longer, at + 1, b.length - at);
                    b = longer;
                }
                default -> b = java.util.Arrays.copyOf(b, at);
            }
        }
        return b;
    }
}
