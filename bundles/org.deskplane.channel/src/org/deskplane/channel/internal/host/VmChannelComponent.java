package org.deskplane.channel.internal.host;

import java.nio.file.Path;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One per VM (factory configuration): keeps the host connected to the Unix socket QEMU binds for the VM's
 * Deskplane virtio-serial channel. The agent on it must authenticate as {@code vmId}.
 */
@Component(configurationPid = VmChannelComponent.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = VmChannelComponent.Config.class, factory = true)
public final class VmChannelComponent {

    public static final String FACTORY_PID = "org.deskplane.channel.vm";

    @ObjectClassDefinition(name = "Deskplane VM channel")
    public @interface Config {
        @AttributeDefinition(description = "VM id (names the secret file <vmId>.key)")
        String vmId();

        @AttributeDefinition(description = "Path of the Unix socket of the VM's channel (<source mode='bind' path=...>)")
        String socketPath();
    }

    @Reference
    private HostChannelComponent host;

    private VmSocketConnector connector;

    @Activate
    void activate(Config config) {
        if (!SecretStore.isValidVmId(config.vmId())) {
            throw new IllegalArgumentException("VM channel configuration: invalid vmId '" + config.vmId() + "'");
        }
        connector = new VmSocketConnector(host.endpoint(), config.vmId(), Path.of(config.socketPath()));
    }

    @Deactivate
    void deactivate() {
        connector.close();
    }
}
