package org.deskplane.channel.libvirt.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.deskplane.channel.libvirt.AgentChannels;
import org.deskplane.hypervisor.api.HypervisorConnection;
import org.deskplane.hypervisor.api.HypervisorEvents;
import org.deskplane.hypervisor.api.HypervisorException;
import org.deskplane.hypervisor.api.HypervisorEvents.VmEventType;
import org.deskplane.hypervisor.api.VmId;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Gives every VM defined on a local QEMU connection its agent channel, secret and key file as soon as it is
 * defined, and forgets them when it is undefined — so an administrator never has to remember a setup step.
 * Only local connections qualify: the socket and the key file are paths on this machine. A VM opts out with the
 * Deskplane metadata entry {@value #OPT_OUT_KEY}{@code =off}. The work runs on one thread of its own, in event
 * order, because EventAdmin's delivery thread must not wait on the hypervisor.
 */
@Component(configurationPid = AgentChannelAutoSetup.PID, service = EventHandler.class, property = {
        EventConstants.EVENT_TOPIC + "=" + HypervisorEvents.VM_TOPIC_PREFIX + "DEFINED",
        EventConstants.EVENT_TOPIC + "=" + HypervisorEvents.VM_TOPIC_PREFIX + "UNDEFINED" })
@Designate(ocd = AgentChannelAutoSetup.Config.class)
public final class AgentChannelAutoSetup implements EventHandler {

    public static final String PID = "org.deskplane.channel.libvirt.auto";
    /** Deskplane metadata key with which a VM declines the automatic setup. */
    public static final String OPT_OUT_KEY = "agent.channel";
    private static final Logger LOG = Logger.getLogger(AgentChannelAutoSetup.class.getName());

    @ObjectClassDefinition(name = "Deskplane automatic agent channels")
    public @interface Config {
        @AttributeDefinition(description = "Set up the agent channel of each VM defined on a matching connection, "
                + "and forget it when the VM is undefined")
        boolean enabled() default true;

        @AttributeDefinition(description = "Regular expression for the libvirt URIs of connections whose VMs get the "
                + "automatic setup: local QEMU only, as sockets and key files are local paths")
        String uriPattern() default "qemu(\\+unix)?:///(system|session)(\\?.*)?";
    }

    @Reference
    private AgentChannels agentChannels;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<HypervisorConnection> connections;

    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("deskplane-agent-channel-setup").daemon().factory());
    private volatile boolean enabled;
    private volatile Pattern uriPattern;

    @Activate
    @Modified
    void configure(Config config) {
        enabled = config.enabled();
        try {
            uriPattern = Pattern.compile(config.uriPattern());
        } catch (PatternSyntaxException e) {
            LOG.warning("automatic agent channels are off: uriPattern is not a regular expression: " + e.getMessage());
            enabled = false;
        }
    }

    @Deactivate
    void stop() throws InterruptedException {
        worker.shutdownNow();
        worker.awaitTermination(5, TimeUnit.SECONDS);
    }

    @Override
    public void handleEvent(Event event) {
        if (!enabled) {
            return;
        }
        String connectionId = (String) event.getProperty(HypervisorEvents.PROPERTY_CONNECTION);
        String uuid = (String) event.getProperty(HypervisorEvents.PROPERTY_UUID);
        if (connectionId == null || uuid == null) {
            return;
        }
        boolean defined = event.getTopic().equals(VmEventType.DEFINED.topic());
        boolean undefined = event.getTopic().equals(VmEventType.UNDEFINED.topic());
        if (!defined && !undefined) {
            return;
        }
        worker.execute(() -> apply(new VmId(connectionId, uuid), defined));
    }

    private void apply(VmId vm, boolean defined) {
        HypervisorConnection connection = connections.stream().filter(c -> c.id().equals(vm.connectionId()))
                .findFirst().orElse(null);
        if (connection == null || !uriPattern.matcher(connection.uri()).matches()) {
            return;
        }
        if (!defined) {
            agentChannels.forget(vm);
            LOG.info("VM " + vm.uuid() + " on " + vm.connectionId() + " undefined: its agent channel is forgotten");
            return;
        }
        try {
            Map<String, String> metadata = connection.metadata(vm.uuid());
            if ("off".equalsIgnoreCase(metadata.get(OPT_OUT_KEY))) {
                return;
            }
            agentChannels.ensureAgentChannel(vm);
        } catch (HypervisorException e) {
            // e.g. the VM was undefined again at once, or the connection dropped: the next DEFINED event retries
            LOG.log(Level.WARNING, "automatic agent channel setup of VM " + vm.uuid() + " on " + vm.connectionId()
                    + " failed: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "automatic agent channel setup of VM " + vm.uuid() + " failed", e);
        }
    }
}
