package org.deskplane.delivery.agent.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Logger;

import org.deskplane.delivery.wire.DeliveryWire;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Holds the guest's {@link DeliveryAgent} for the channel handlers, made from the configuration. */
@Component(service = DeliveryAgentComponent.class, configurationPid = DeliveryAgentComponent.PID)
@Designate(ocd = DeliveryAgentComponent.Config.class)
public final class DeliveryAgentComponent {
    public static final String PID = "org.deskplane.delivery.agent";
    private static final Logger LOG = Logger.getLogger(DeliveryAgentComponent.class.getName());

    @ObjectClassDefinition(name = "Deskplane software delivery (guest side)")
    public @interface Config {
        @AttributeDefinition(description = "Folder payloads copied over the channel land in (<copyRoot>/<job>/)")
        String copyRoot() default DeliveryWire.COPY_ROOT;

        @AttributeDefinition(description = "Folder discs are mounted below (<mountRoot>/<job>)")
        String mountRoot() default "/run/deskplane/delivery";

        @AttributeDefinition(description = "The kernel's block device list scanned for a disc's volume label")
        String sysBlock() default "/sys/block";

        @AttributeDefinition(description = "Devices or image files to scan instead of sysBlock (empty: scan sysBlock)")
        String[] devices() default {};

        @AttributeDefinition(description = "Seconds to look for a hot-inserted disc before the job fails")
        int locateTimeoutSeconds() default 120;

        @AttributeDefinition(description = "Kernel modules loaded at prepare when /sys/module lacks them (no udev in the guest)")
        String[] kernelModules() default {"sr_mod", "cdrom", "isofs", "ahci", "ata_piix", "virtio_blk", "virtio_scsi"};

        @AttributeDefinition(description = "Jobs remembered at most (finished ones are forgotten first)")
        int maxJobs() default 64;

        @AttributeDefinition(description = "Log lines kept per job (the newest)")
        int maxLogLines() default 10_000;

        @AttributeDefinition(description = "Largest file accepted over the channel (bytes)")
        long maxFileBytes() default 64L << 30;
    }

    private DeliveryAgent agent;
    private DeliveryRequests requests;

    @Activate
    void activate(Config config) {
        List<Path> devices = Arrays.stream(config.devices()).filter(d -> !d.isBlank()).map(Path::of).toList();
        agent = new DeliveryAgent(new AgentSettings(Path.of(config.copyRoot()), Path.of(config.mountRoot()),
                Path.of(config.sysBlock()), devices, Duration.ofSeconds(Math.max(1, config.locateTimeoutSeconds())),
                List.of(config.kernelModules()), config.maxJobs(), config.maxLogLines(), config.maxFileBytes()));
        requests = new DeliveryRequests(agent);
        LOG.fine("software delivery ready; copies go to " + config.copyRoot());
    }

    @Deactivate
    void deactivate() {
        agent.close();
    }

    DeliveryAgent agent() {
        return agent;
    }

    DeliveryRequests requests() {
        return requests;
    }
}
