package org.deskplane.delivery.wire.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.deskplane.delivery.api.PayloadFile;
import org.deskplane.delivery.api.PayloadManifest;
import org.deskplane.delivery.api.Step;
import org.deskplane.delivery.spi.GuestJob;
import org.deskplane.delivery.spi.GuestState;
import org.deskplane.delivery.spi.GuestStatus;
import org.deskplane.delivery.spi.MediaLocation;
import org.deskplane.delivery.wire.DeliveryWire;
import org.deskplane.delivery.wire.WireException;
import org.deskplane.delivery.wire.WireMessage;
import org.junit.jupiter.api.Test;

class DeliveryWireTest {
    private static final PayloadManifest MANIFEST = new PayloadManifest("patch", "1.2", "fix = all\nthings",
            List.of(new PayloadFile("install.sh", 42, "0f".repeat(32))), List.of(Step.run("install.sh", List.of("-q"))),
            true, null);

    @Test
    void aJobAndItsLocationRoundTrip() throws Exception {
        GuestJob job = new GuestJob("dep1-0-0", MANIFEST, "DP_ABC");
        WireMessage sent = DeliveryWire.start(job, MediaLocation.label("DP_ABC"));
        WireMessage received = WireMessage.parse(sent.toBytes());
        GuestJob back = DeliveryWire.job(received);
        assertEquals(job.jobId(), back.jobId());
        assertEquals("DP_ABC", back.volumeLabel());
        assertEquals(MANIFEST.withFiles(MANIFEST.files()).steps(), back.manifest().steps());
        assertEquals(MANIFEST.files(), back.manifest().files());
        assertEquals(MediaLocation.label("DP_ABC"), DeliveryWire.location(received));
        assertArrayEquals(sent.toBytes(), received.toBytes(), "equal messages are equal bytes (no date comment)");
    }

    @Test
    void aStatusWithLogLinesRoundTrips() throws Exception {
        GuestStatus status = new GuestStatus(GuestState.FAILED, 100, "step 2 failed", 5,
                List.of("line one", "ünïcödé = yes", "with\ttab"), 3);
        assertEquals(status, DeliveryWire.status(WireMessage.parse(DeliveryWire.status(status).toBytes())));
        GuestStatus running = new GuestStatus(GuestState.RUNNING, 40, "", null, List.of(), 0);
        assertEquals(running, DeliveryWire.status(WireMessage.parse(DeliveryWire.status(running).toBytes())));
    }

    @Test
    void jobIdsThatCouldNameAnotherFolderAreRefused() {
        for (String bad : List.of("../etc", ".hidden", "a/b", "", "x".repeat(101), "a b")) {
            WireMessage m = new WireMessage().put(DeliveryWire.JOB, bad);
            assertThrows(WireException.class, () -> DeliveryWire.jobId(m), bad);
        }
    }

    @Test
    void malformedAndOversizedBodiesGiveClearErrors() throws Exception {
        assertThrows(WireException.class, () -> WireMessage.parse(null));
        WireException big = assertThrows(WireException.class, () -> WireMessage.parse(new byte[WireMessage.MAX_BYTES + 1]));
        assertTrue(big.getMessage().contains("larger than"));
        WireException missing = assertThrows(WireException.class, () -> DeliveryWire.status(WireMessage.parse(
                "state=RUNNING\n".getBytes(StandardCharsets.UTF_8))));
        assertTrue(missing.getMessage().contains("'progress'"), missing.getMessage());
        WireException state = assertThrows(WireException.class, () -> DeliveryWire.status(WireMessage.parse(
                "state=EXPLODED\nprogress=1\nnextLog=0\n".getBytes(StandardCharsets.UTF_8))));
        assertEquals("unknown guest state", state.getMessage());
        WireException count = assertThrows(WireException.class, () -> DeliveryWire.status(WireMessage.parse(
                "state=RUNNING\nprogress=1\nnextLog=0\nlog.count=99999999\n".getBytes(StandardCharsets.UTF_8))));
        assertTrue(count.getMessage().contains("out of range"), count.getMessage());
        WireException manifest = assertThrows(WireException.class, () -> DeliveryWire.job(WireMessage.parse(
                "job=j\nmanifest=id \\= ../x\n".getBytes(StandardCharsets.UTF_8))));
        assertTrue(manifest.getMessage().startsWith("manifest:"), manifest.getMessage());
        assertThrows(WireException.class, () -> DeliveryWire.location(WireMessage.parse(
                "location.kind=NETWORK\nlocation=x\n".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void mutatedMessagesEitherDecodeOrFailWithAWireException() throws Exception {
        byte[] good = DeliveryWire.status(new GuestStatus(GuestState.RUNNING, 50, "m", null,
                List.of("a", "b"), 2)).toBytes();
        byte[] job = DeliveryWire.start(new GuestJob("j-1", MANIFEST, "L"), MediaLocation.directory("/x")).toBytes();
        Random random = new Random(7);
        List<String> unexpected = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            byte[] source = i % 2 == 0 ? good : job;
            byte[] mutated = source.clone();
            for (int k = 0; k < 1 + random.nextInt(4); k++) {
                mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
            }
            try {
                WireMessage m = WireMessage.parse(mutated);
                if (i % 2 == 0) {
                    DeliveryWire.status(m);
                } else {
                    DeliveryWire.job(m);
                    DeliveryWire.location(m);
                }
            } catch (WireException expected) {
                // a clear refusal
            } catch (RuntimeException e) {
                unexpected.add(e.toString());
            }
        }
        assertTrue(unexpected.isEmpty(), "only WireExceptions: " + unexpected.subList(0, Math.min(5, unexpected.size())));
    }
}
