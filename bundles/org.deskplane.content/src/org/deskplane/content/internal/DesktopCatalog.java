package org.deskplane.content.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.deskplane.channel.api.ChannelPeer;
import org.deskplane.channel.api.HostChannel;
import org.deskplane.content.api.ContentLocation;
import org.deskplane.content.api.DataSource;
import org.deskplane.content.api.RequestContext;
import org.deskplane.content.api.SourceKind;
import org.deskplane.hypervisor.api.DiskInfo;
import org.deskplane.hypervisor.api.HypervisorConnection;
import org.deskplane.hypervisor.api.HypervisorException;
import org.deskplane.hypervisor.api.VmInfo;
import org.deskplane.hypervisor.api.VmState;
import org.deskplane.security.api.Role;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * A user's desktops: the VMs whose Deskplane metadata names them ({@value #OWNER_KEY}, or one of the
 * comma-separated {@value #USERS_KEY}); administrators see every VM. The system disk (the first disk) is the
 * DESKTOP source; each further disk is a DATA_DISK source of its own, so a user with several data disks chooses.
 * The backend is the agent while the VM runs with a connected agent, else the disk read-only — for a running
 * VM without an agent, a point-in-time export of the disk, with a note that the view may be stale.
 */
@Component(service = SourceCatalog.class)
public final class DesktopCatalog implements SourceCatalog {
    static final String OWNER_KEY = "owner";
    static final String USERS_KEY = "users";
    /**
     * The folder of the desktop's system disk that is its user content (e.g. /home, /Users): read from the disk,
     * the desktop shows that folder as its root, the same namespace its agent serves from its allowed roots.
     */
    static final String ROOT_KEY = "content.root";
    /** Comma-separated names of the applications a desktop offers its users. */
    static final String APPLICATIONS_KEY = "applications";
    private static final Logger LOG = Logger.getLogger(DesktopCatalog.class.getName());

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<HypervisorConnection> connections;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile HostChannel hostChannel;

    @Override
    public List<Entry> sourcesOf(RequestContext context) {
        List<Entry> entries = new ArrayList<>();
        for (HypervisorConnection connection : connections) {
            List<VmInfo> vms;
            try {
                vms = connection.listVms();
            } catch (HypervisorException e) {
                // one host down must not hide the others
                LOG.log(Level.FINE, "no VMs from " + connection.id() + ": " + e.getMessage());
                continue;
            }
            for (VmInfo vm : vms) {
                if (entitled(context, vm.metadata())) {
                    addSources(entries, vm);
                }
            }
        }
        return entries;
    }

    @Override
    public List<org.deskplane.content.api.Application> applicationsOf(RequestContext context) {
        List<org.deskplane.content.api.Application> applications = new ArrayList<>();
        for (HypervisorConnection connection : connections) {
            List<VmInfo> vms;
            try {
                vms = connection.listVms();
            } catch (HypervisorException e) {
                continue;
            }
            for (VmInfo vm : vms) {
                String offered = vm.metadata().getOrDefault(APPLICATIONS_KEY, "");
                if (offered.isBlank() || !entitled(context, vm.metadata())) {
                    continue;
                }
                String desktop = "vm:" + vm.id().connectionId() + ":" + vm.id().uuid().toLowerCase(Locale.ROOT);
                Arrays.stream(offered.split(",")).map(String::strip).filter(name -> !name.isEmpty()).distinct()
                        .forEach(name -> applications.add(new org.deskplane.content.api.Application(name, desktop, vm.name())));
            }
        }
        return applications;
    }

    /** Looks up only the VM the id names ({@code vm:<connection>:<uuid>} or {@code disk:<connection>:<uuid>:<target>}). */
    @Override
    public java.util.Optional<Entry> find(RequestContext context, String sourceId) {
        String[] parts = sourceId.split(":", 4);
        if (parts.length < 3 || !(parts[0].equals("vm") || parts[0].equals("disk"))) {
            return java.util.Optional.empty();
        }
        for (HypervisorConnection connection : connections) {
            if (!connection.id().equals(parts[1])) {
                continue;
            }
            try {
                VmInfo vm = connection.vm(parts[2]);
                if (!entitled(context, vm.metadata())) {
                    return java.util.Optional.empty();
                }
                List<Entry> entries = new ArrayList<>();
                addSources(entries, vm);
                return entries.stream().filter(e -> e.source().id().equals(sourceId)).findFirst();
            } catch (HypervisorException e) {
                return java.util.Optional.empty();
            }
        }
        return java.util.Optional.empty();
    }

    static boolean entitled(RequestContext context, Map<String, String> metadata) {
        if (context.role() == Role.ADMIN) {
            return true;
        }
        if (context.user().equals(metadata.get(OWNER_KEY))) {
            return true;
        }
        String users = metadata.getOrDefault(USERS_KEY, "");
        return Arrays.stream(users.split(",")).map(String::strip).anyMatch(context.user()::equals);
    }

    private void addSources(List<Entry> entries, VmInfo vm) {
        List<DiskInfo> disks = vm.disks().stream().filter(d -> "disk".equals(d.device()) && d.path() != null).toList();
        String vmKey = vm.id().connectionId() + ":" + vm.id().uuid().toLowerCase(Locale.ROOT);
        String state = vm.state().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        boolean agent = vm.state() == VmState.RUNNING && agentConnected(vm.id().uuid());
        boolean live = vm.state() == VmState.RUNNING || vm.state() == VmState.PAUSED;
        String staleNote = live ? "running without an agent: a point-in-time view of its disk, which may be stale" : "";
        for (int i = 0; i < disks.size(); i++) {
            DiskInfo disk = disks.get(i);
            boolean system = i == 0;
            String id = (system ? "vm:" : "disk:") + vmKey + (system ? "" : ":" + disk.target());
            String name = system ? vm.name() : vm.name() + " – " + disk.target();
            if (system && agent) {
                entries.add(new Entry(new DataSource(id, SourceKind.DESKTOP, name, state, "agent", false, ""),
                        new ContentLocation(id, "agent", Map.of("connection", vm.id().connectionId(), "uuid",
                                vm.id().uuid().toLowerCase(Locale.ROOT)))));
                continue;
            }
            entries.add(new Entry(
                    new DataSource(id, system ? SourceKind.DESKTOP : SourceKind.DATA_DISK, name, state, "disk", false, staleNote),
                    new ContentLocation(id, "disk", Map.of("image", disk.path(), "format",
                            // a read-only disk of a running VM is not being written: its file is read as it is
                            disk.format() == null ? "" : disk.format(), "live", Boolean.toString(live && !disk.readOnly()),
                            "connection", vm.id().connectionId(), "uuid", vm.id().uuid().toLowerCase(Locale.ROOT),
                            "target", disk.target(),
                            "root", system ? vm.metadata().getOrDefault(ROOT_KEY, "/") : "/"))));
        }
    }

    @Override
    public boolean powerOn(Entry entry) {
        String connectionId = entry.location().attributes().get("connection");
        String uuid = entry.location().attributes().get("uuid");
        if (connectionId == null || uuid == null) {
            return false;
        }
        for (HypervisorConnection connection : connections) {
            if (connection.id().equals(connectionId)) {
                try {
                    connection.start(uuid);
                    return true;
                } catch (HypervisorException e) {
                    LOG.log(Level.WARNING, "could not power on " + entry.source().id() + " for content access: " + e.getMessage());
                    return false;
                }
            }
        }
        return false;
    }

    private boolean agentConnected(String uuid) {
        HostChannel channel = hostChannel;
        if (channel == null) {
            return false;
        }
        try {
            ChannelPeer peer = channel.agent(uuid.toLowerCase(Locale.ROOT));
            return peer != null && peer.isConnected();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
