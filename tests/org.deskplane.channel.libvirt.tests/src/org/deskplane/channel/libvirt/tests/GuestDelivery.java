package org.deskplane.channel.libvirt.tests;

import static org.deskplane.channel.libvirt.tests.GuestShell.IMAGES;
import static org.deskplane.channel.libvirt.tests.GuestShell.run;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import org.deskplane.channel.api.HostChannel;
import org.deskplane.delivery.api.DeliveryOptions;
import org.deskplane.delivery.api.Deployment;
import org.deskplane.delivery.api.DeploymentRequest;
import org.deskplane.delivery.api.DeploymentService;
import org.deskplane.delivery.api.Payload;
import org.deskplane.delivery.api.PayloadRepository;
import org.deskplane.delivery.api.PoweredOffPolicy;
import org.deskplane.delivery.api.TargetSelector;
import org.deskplane.hypervisor.api.DiskInfo;
import org.deskplane.hypervisor.api.HypervisorConnection;
import org.deskplane.hypervisor.api.HypervisorException;

/**
 * A real guest with a virtual CD-ROM drive, its Deskplane agent connected, and the delivery engine, repository and
 * CD-ROM method of this framework: what the delivery test and benchmark share.
 */
final class GuestDelivery implements AutoCloseable {
    static final Duration DONE = Duration.ofMinutes(5);

    final String uuid;
    final HypervisorConnection connection;
    private final Path overlay;

    private GuestDelivery(String uuid, HypervisorConnection connection, Path overlay) {
        this.uuid = uuid;
        this.connection = connection;
        this.overlay = overlay;
    }

    /** Defines the guest (with an empty IDE CD-ROM drive), not started. */
    static GuestDelivery define(String connectionId, String uuid) throws Exception {
        Path image = GuestImage.directory();
        Files.createDirectories(IMAGES);
        Path overlay = IMAGES.resolve("delivery-" + uuid + ".qcow2");
        run("qemu-img", "create", "-q", "-f", "qcow2", "-F", "qcow2", "-b",
                image.resolve("guest.qcow2").toRealPath().toString(), overlay.toString());
        HypervisorConnection connection = Services.connected(connectionId);
        GuestDelivery guest = new GuestDelivery(uuid, connection, overlay);
        try {
            String xml = LibvirtGuestAgentTest.domainXml(uuid, image, overlay, IMAGES.resolve("delivery-" + uuid + ".serial.log"))
                    .replace("<channel type='unix'>", "<disk type='file' device='cdrom'><driver name='qemu' type='raw'/>"
                            + "<target dev='hdc' bus='ide'/><readonly/></disk><channel type='unix'>");
            connection.define(xml);
            Services.waitFor("the automatic agent channel setup", Services.TIMEOUT,
                    () -> LibvirtGuestAgentTest.hasSessionConfiguration(uuid));
            return guest;
        } catch (Exception | Error e) {
            guest.close();
            throw e;
        }
    }

    /** Starts the guest and waits for its agent. */
    void start() throws Exception {
        connection.start(uuid);
        HostChannel host = Services.service(HostChannel.class);
        GuestShell.waitFor("the agent in the guest authenticated", () -> host.agent(uuid).isConnected());
    }

    static GuestDelivery boot(String connectionId, String uuid) throws Exception {
        GuestDelivery guest = define(connectionId, uuid);
        try {
            guest.start();
            return guest;
        } catch (Exception | Error e) {
            guest.close();
            throw e;
        }
    }

    static Payload importPayload(Path folder) throws Exception {
        return Services.service(PayloadRepository.class).importDirectory(folder);
    }

    Deployment deploy(Payload payload, Duration processingTimeout) throws Exception {
        return deploy(payload, processingTimeout, "cdrom");
    }

    Deployment deploy(Payload payload, Duration processingTimeout, String method) throws Exception {
        return deploy(payload, processingTimeout, method, PoweredOffPolicy.FAIL_FAST);
    }

    Deployment deploy(Payload payload, Duration processingTimeout, String method, PoweredOffPolicy poweredOff) throws Exception {
        DeliveryOptions options = new DeliveryOptions(List.of(method), poweredOff, Duration.ofSeconds(60),
                processingTimeout, Duration.ofSeconds(60), 0, 1, 1, 0);
        return Services.service(DeploymentService.class).create(new DeploymentRequest(payload.ref().toString(),
                List.of(payload.ref()), TargetSelector.ofIds(List.of(connection.id() + "/" + uuid)), options), "test");
    }

    static Deployment await(String id, String what, Predicate<Deployment> condition) throws Exception {
        DeploymentService engine = Services.service(DeploymentService.class);
        long deadline = System.nanoTime() + DONE.toNanos();
        Deployment d = engine.find(id).orElseThrow();
        while (!condition.test(d)) {
            if (System.nanoTime() > deadline) {
                fail("not within " + DONE + ": " + what + "; " + d.items());
            }
            Thread.sleep(200);
            d = engine.find(id).orElseThrow();
        }
        return d;
    }

    static String log(Deployment d) throws Exception {
        return String.join("\n", Services.service(DeploymentService.class).log(d.id(), d.items().get(0).vmId(), 0, 10_000));
    }

    /** What libvirt says is in the VM's CD-ROM drives: null for an empty drive. */
    List<String> cdromMedia() throws HypervisorException {
        return connection.vm(uuid).disks().stream().filter(DiskInfo::isCdrom).map(DiskInfo::path).toList();
    }

    @Override
    public void close() throws Exception {
        TestVms.remove(connection, uuid);
        Files.deleteIfExists(overlay);
    }
}
