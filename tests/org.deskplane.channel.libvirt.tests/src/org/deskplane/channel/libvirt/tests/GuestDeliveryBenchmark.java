package org.deskplane.channel.libvirt.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.deskplane.delivery.api.Deployment;
import org.deskplane.delivery.api.DeploymentState;
import org.deskplane.delivery.api.Payload;
import org.deskplane.delivery.api.PayloadRepository;
import org.deskplane.delivery.api.VmDeliveryState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.cm.Configuration;

/**
 * The end-to-end delivery time of a 10 MB payload by virtual CD-ROM on the real guest: creation of the deployment to
 * its completion (insert, agent mounts, hashes and runs it, status, eject). Run by tests/benchmarks/delivery-benchmark;
 * its name keeps it out of the normal suite. Prints lines starting with "delivery-benchmark".
 */
class GuestDeliveryBenchmark {
    @TempDir
    Path payloads;

    @Test
    void tenMegabytesByVirtualCd() throws Exception {
        int rounds = Integer.getInteger("bench.rounds", 3);
        Configuration connectionConfig = Services.configureConnection("delivery-bench", "qemu:///system");
        try (GuestDelivery guest = GuestDelivery.boot("delivery-bench", UUID.randomUUID().toString())) {
            List<Long> millis = new ArrayList<>();
            for (int round = 0; round <= rounds; round++) { // round 0 warms the agent's code paths up
                Path dir = Files.createDirectories(payloads.resolve("p" + round));
                byte[] data = new byte[10 << 20];
                new Random(round).nextBytes(data);
                Files.write(dir.resolve("payload.bin"), data);
                Files.writeString(dir.resolve("run.sh"), "#!/bin/sh\nls -l payload.bin\n");
                Files.writeString(dir.resolve("deskplane-payload.conf"), "id = bench\nversion = " + Long.toString(System.currentTimeMillis(), 36) + "-" + round + "\nrun = run.sh\n");
                Payload payload = GuestDelivery.importPayload(dir);
                Services.service(PayloadRepository.class).image(payload.ref(), b -> {
                }); // built before the clock starts
                long start = System.nanoTime();
                Deployment d = guest.deploy(payload, Duration.ofMinutes(3));
                Deployment done = GuestDelivery.await(d.id(), "round " + round, x -> x.state() == DeploymentState.COMPLETED);
                long elapsed = (System.nanoTime() - start) / 1_000_000;
                assertEquals(VmDeliveryState.SUCCEEDED, done.items().get(0).outcome(), GuestDelivery.log(done));
                if (round > 0) {
                    millis.add(elapsed);
                }
                System.out.println("delivery-benchmark round " + round + (round == 0 ? " (warm-up)" : "") + ": " + elapsed + " ms");
            }
            millis.sort(null);
            System.out.println("delivery-benchmark 10 MB by CD-ROM, insert→status→eject: median " + millis.get(millis.size() / 2)
                    + " ms, min " + millis.get(0) + " ms, max " + millis.get(millis.size() - 1) + " ms over " + millis.size()
                    + " rounds (TCG guest, engine poll 1 s)");
        } finally {
            connectionConfig.delete();
        }
    }
}
