package org.deskplane.module.clamscan.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.deskplane.modules.api.LifecycleTopics;
import org.deskplane.modules.api.LifecycleTopics.StartVeto;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Before a VM starts, scans its disk image files ({@value LifecycleTopics#PROPERTY_DISKS}) and the host folders
 * configured for it with clamscan, and vetoes the start when a signature matches, naming signature and file. When
 * the scan itself cannot be done the configured policy decides (fail closed by default: an unscanned VM does not
 * start, since a scanner that silently stops working would otherwise let everything through).
 */
@Component(configurationPid = ClamScanConfig.PID,
        property = EventConstants.EVENT_TOPIC + "=" + LifecycleTopics.VM_STARTING)
@Designate(ocd = ClamScanConfig.class)
public final class ClamScanVmStartHandler implements EventHandler {

    /** Who vetoes, as the host reports it. */
    static final String VETO_BY = "org.deskplane.module.clamscan";
    private static final System.Logger LOG = System.getLogger(ClamScanVmStartHandler.class.getName());

    private volatile Settings settings;

    private record Settings(ClamScanner scanner, boolean failOpen, VmFolders folders) {
    }

    @Activate
    @Modified
    void configure(BundleContext context, ClamScanConfig config) throws IOException {
        Path database = config.databasePath().isBlank() ? BundledDatabase.extract(context)
                : Path.of(config.databasePath());
        ClamScanner scanner = new ClamScanner(config.clamscanPath(), database,
                Duration.ofSeconds(Math.max(1, config.timeoutSeconds())),
                Math.clamp(config.maxFileSizeMegabytes(), 1, 2047), config.alertExceedsMax());
        settings = new Settings(scanner, config.failOpen(), new VmFolders(config.vmFolders()));
    }

    @Override
    public void handleEvent(Event event) {
        if (!(event.getProperty(LifecycleTopics.PROPERTY_VETO) instanceof StartVeto veto)) {
            LOG.log(System.Logger.Level.WARNING, "VM start event without a veto property: nothing to decide");
            return;
        }
        Settings current = settings;
        String vm = describe(event);
        List<Path> targets = targets(event, current.folders());
        if (targets.isEmpty()) {
            return; // nothing on the host to scan (e.g. a VM without local disks)
        }
        ScanOutcome outcome = current.scanner().scan(targets);
        switch (outcome.kind()) {
        case CLEAN -> LOG.log(System.Logger.Level.INFO, "clamscan: {0} clean ({1} paths)", vm, targets.size());
        case INFECTED -> veto.veto(VETO_BY, "ClamAV found " + outcome.detections().stream()
                .map(d -> d.signature() + " in " + d.file()).collect(Collectors.joining(", ")) + " (" + vm + ")");
        case FAILED -> {
            if (current.failOpen()) {
                LOG.log(System.Logger.Level.WARNING, "clamscan could not scan {0}, starting it anyway (failOpen): {1}",
                        vm, outcome.failure());
            } else {
                veto.veto(VETO_BY, "virus scan could not be done, start refused (failOpen=false): "
                        + outcome.failure());
            }
        }
        }
    }

    /** The VM's disk files that exist on the host, and its configured folders that exist. */
    private static List<Path> targets(Event event, VmFolders folders) {
        List<Path> targets = new ArrayList<>();
        if (event.getProperty(LifecycleTopics.PROPERTY_DISKS) instanceof String[] disks) {
            for (String disk : disks) {
                addIfPresent(targets, Path.of(disk));
            }
        }
        for (Path folder : folders.forVm(string(event, LifecycleTopics.PROPERTY_VM),
                string(event, LifecycleTopics.PROPERTY_VM_NAME))) {
            addIfPresent(targets, folder);
        }
        return targets;
    }

    private static void addIfPresent(List<Path> targets, Path path) {
        if (Files.exists(path)) {
            targets.add(path.toAbsolutePath());
        } else {
            // a disk that is not a host file (network volume) or was removed: the start fails on its own then
            LOG.log(System.Logger.Level.INFO, "clamscan: skipping {0}, not a file on this host", path);
        }
    }

    private static String describe(Event event) {
        String name = string(event, LifecycleTopics.PROPERTY_VM_NAME);
        String uuid = string(event, LifecycleTopics.PROPERTY_VM);
        return "VM " + (name == null ? "" : name + " ") + (uuid == null ? "" : uuid);
    }

    private static String string(Event event, String property) {
        return event.getProperty(property) instanceof String value ? value : null;
    }
}
