package org.deskplane.channel.libvirt.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

import org.deskplane.channel.api.HostChannel;
import org.deskplane.channel.libvirt.AgentChannels;
import org.deskplane.hypervisor.api.HypervisorConnection;
import org.deskplane.hypervisor.api.HypervisorException;
import org.deskplane.hypervisor.api.NotSupportedException;
import org.deskplane.hypervisor.api.VmId;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Adds the agent channel through the VM's {@link HypervisorConnection}, makes its secret with the
 * {@link HostChannel}, writes it as a key file beside the socket that QEMU hands to the guest in fw_cfg, and writes
 * the channel bundle's per-VM factory configuration
 * ({@value #VM_CHANNEL_FACTORY_PID}, named after the VM's UUID) so the host keeps a session to it.
 */
@Component(configurationPid = AgentChannelsComponent.PID)
@Designate(ocd = AgentChannelsComponent.Config.class)
public final class AgentChannelsComponent implements AgentChannels {

    public static final String PID = "org.deskplane.channel.libvirt";
    /** The channel bundle's per-VM connector (org.deskplane.channel's VmChannelComponent). */
    static final String VM_CHANNEL_FACTORY_PID = "org.deskplane.channel.vm";
    private static final Logger LOG = Logger.getLogger(AgentChannelsComponent.class.getName());

    @ObjectClassDefinition(name = "Deskplane VM agent channels")
    public @interface Config {
        @AttributeDefinition(description = "Directory for the channel sockets QEMU binds (<uuid>.agent.sock) and "
                + "the guests' key files QEMU reads (<uuid>.agent.key); "
                + "QEMU's user must be able to create files there. Not libvirt's own channel/target directory: "
                + "libvirt replaces paths there with generated ones")
        String socketDirectory() default "/var/lib/libvirt/qemu/deskplane-channels";
    }

    @Reference
    private HostChannel hostChannel;

    @Reference
    private ConfigurationAdmin configurationAdmin;

    // dynamic + greedy: connections come and go with their configurations
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<HypervisorConnection> connections;

    private volatile Path socketDirectory;

    @Activate
    @Modified
    void configure(Config config) {
        socketDirectory = Path.of(config.socketDirectory()).toAbsolutePath();
    }

    @Override
    public synchronized Setup ensureAgentChannel(VmId vm) throws HypervisorException {
        HypervisorConnection connection = connection(vm.connectionId());
        String uuid = vm.uuid().toLowerCase(java.util.Locale.ROOT);
        Path socket = socketDirectory.resolve(uuid + ".agent.sock");
        prepare(socketDirectory);
        boolean changed = connection.ensureUnixChannel(vm.uuid(), PORT_NAME, socket.toString());
        Path keyFile = keyFile(uuid);
        // a secret without its key file (first setup, or the file was removed) is replaced: the guest reads the
        // file at its next boot, so a fresh secret and a fresh file always agree
        Optional<byte[]> secret = hostChannel.hasSecret(uuid) && Files.isRegularFile(keyFile) ? Optional.empty()
                : Optional.of(hostChannel.provisionSecret(uuid));
        if (secret.isPresent()) {
            writeKeyFile(keyFile, secret.get());
        }
        Optional<Path> firmwareKey;
        try {
            changed |= connection.ensureFirmwareConfigFile(vm.uuid(), FIRMWARE_KEY_NAME, keyFile.toString());
            firmwareKey = Optional.of(keyFile);
        } catch (NotSupportedException e) {
            // e.g. a driver without fw_cfg: the caller gets the secret and must inject it itself
            firmwareKey = Optional.empty();
        }
        try {
            Configuration configuration = configurationAdmin.getFactoryConfiguration(VM_CHANNEL_FACTORY_PID, uuid, "?");
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put("vmId", uuid);
            properties.put("socketPath", socket.toString());
            properties.put("connection.id", vm.connectionId());
            configuration.updateIfDifferent(properties);
        } catch (IOException e) {
            throw new HypervisorException(HypervisorException.Kind.FAILED,
                    "could not store the channel configuration of VM " + uuid + ": " + e.getMessage(), e);
        }
        LOG.info("agent channel of VM " + uuid + " on " + vm.connectionId() + ": socket " + socket
                + (changed ? ", definition updated" : "") + (secret.isPresent() ? ", new secret" : "")
                + (firmwareKey.isPresent() ? ", key handed over in fw_cfg" : ", no fw_cfg on this hypervisor"));
        return new Setup(uuid, socket, changed, secret, firmwareKey);
    }

    @Override
    public synchronized void forget(VmId vm) {
        String uuid = vm.uuid().toLowerCase(java.util.Locale.ROOT);
        try {
            Configuration[] found = configurationAdmin.listConfigurations(
                    "(&(service.factoryPid=" + VM_CHANNEL_FACTORY_PID + ")(vmId=" + uuid + "))");
            if (found != null) {
                for (Configuration configuration : found) {
                    configuration.delete();
                }
            }
        } catch (IOException | InvalidSyntaxException e) {
            LOG.warning("could not delete the channel configuration of VM " + uuid + ": " + e);
        }
        try {
            Files.deleteIfExists(keyFile(uuid));
        } catch (IOException e) {
            LOG.warning("could not delete the key file of VM " + uuid + ": " + e);
        }
    }

    private Path keyFile(String uuid) {
        return socketDirectory.resolve(uuid + ".agent.key");
    }

    /**
     * Writes the guest's key file (base64, one line: the format the guest init copies to /etc/deskplane/agent.key)
     * readable only by the owner of the socket directory, which is QEMU's user: QEMU opens it for fw_cfg. Written
     * to a temporary name and renamed, so QEMU never reads half a key.
     */
    private static void writeKeyFile(Path keyFile, byte[] secret) throws HypervisorException {
        Path temporary = keyFile.resolveSibling(keyFile.getFileName() + ".tmp");
        try {
            Files.deleteIfExists(temporary);
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temporary, Base64.getEncoder().encodeToString(secret) + "\n", StandardCharsets.US_ASCII);
            PosixFileAttributes directory = Files.readAttributes(keyFile.getParent(), PosixFileAttributes.class);
            PosixFileAttributeView view = Files.getFileAttributeView(temporary, PosixFileAttributeView.class);
            view.setOwner(directory.owner());
            view.setGroup(directory.group());
            view.setPermissions(PosixFilePermissions.fromString("r--------"));
            Files.move(temporary, keyFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | UnsupportedOperationException e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // the failure below is what matters
            }
            throw new HypervisorException(HypervisorException.Kind.FAILED,
                    "could not write the agent key file " + keyFile + ": " + e.getMessage(), e);
        }
    }

    /** Creates the socket directory owned like its parent (QEMU's user owns /var/lib/libvirt/qemu). */
    private static void prepare(Path directory) throws HypervisorException {
        if (Files.isDirectory(directory)) {
            return;
        }
        try {
            Files.createDirectories(directory);
            PosixFileAttributes parent = Files.readAttributes(directory.getParent(), PosixFileAttributes.class);
            PosixFileAttributeView view = Files.getFileAttributeView(directory, PosixFileAttributeView.class);
            view.setOwner(parent.owner());
            view.setGroup(parent.group());
            view.setPermissions(PosixFilePermissions.fromString("rwxr-x---"));
        } catch (IOException | UnsupportedOperationException e) {
            throw new HypervisorException(HypervisorException.Kind.FAILED,
                    "could not prepare the channel socket directory " + directory + ": " + e.getMessage(), e);
        }
    }

    private HypervisorConnection connection(String id) throws HypervisorException {
        return connections.stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new HypervisorException(HypervisorException.Kind.NOT_FOUND,
                        "no hypervisor connection '" + id + "'"));
    }
}
