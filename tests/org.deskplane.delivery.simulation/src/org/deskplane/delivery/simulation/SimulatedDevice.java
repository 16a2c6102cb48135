package org.deskplane.delivery.simulation;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.deskplane.delivery.api.DeliveryException;
import org.deskplane.delivery.spi.AttachContext;
import org.deskplane.delivery.spi.Attachment;
import org.deskplane.delivery.spi.DeliveryMethod;
import org.deskplane.delivery.spi.MediaLocation;
import org.deskplane.delivery.spi.VmTarget;

/**
 * A delivery method that attaches nothing real: it stands in for the device step that libvirt's test driver refuses
 * (the real CD-ROM method is tried first on every VM and must fail over to this one). It counts what is "attached"
 * per host and overall, with the highest counts seen, so tests check the engine's limits and its clean-up.
 */
public final class SimulatedDevice implements DeliveryMethod {
    public static final String NAME = "sim-device";

    public final Set<String> attached = ConcurrentHashMap.newKeySet();
    public final Map<String, AtomicInteger> perHost = new ConcurrentHashMap<>();
    public final Map<String, Integer> maxPerHost = new ConcurrentHashMap<>();
    public final AtomicInteger attaches = new AtomicInteger();
    public final AtomicInteger detaches = new AtomicInteger();
    public volatile int maxGlobal;
    /** VM ids whose first attach fails with a transient error. */
    public final Set<String> failOnceTransiently = ConcurrentHashMap.newKeySet();

    /** Where the attached set and the counters are kept (null: memory only), so they outlive a killed server. */
    private final java.nio.file.Path stateFile;

    public SimulatedDevice() {
        this(null);
    }

    public SimulatedDevice(java.nio.file.Path stateFile) {
        this.stateFile = stateFile;
        if (stateFile != null && java.nio.file.Files.exists(stateFile)) {
            try {
                List<String> lines = java.nio.file.Files.readAllLines(stateFile);
                attaches.set(Integer.parseInt(lines.get(0)));
                detaches.set(Integer.parseInt(lines.get(1)));
                attached.addAll(lines.subList(2, lines.size()));
            } catch (java.io.IOException | RuntimeException e) {
                throw new IllegalStateException("unreadable simulation state " + stateFile, e);
            }
        }
    }

    /** The state file's lines: attaches, detaches, then what is attached. */
    public static List<String> readState(java.nio.file.Path stateFile) throws java.io.IOException {
        return java.nio.file.Files.readAllLines(stateFile);
    }

    private void save() {
        if (stateFile == null) {
            return;
        }
        List<String> lines = new java.util.ArrayList<>(List.of(Integer.toString(attaches.get()), Integer.toString(detaches.get())));
        lines.addAll(attached);
        try {
            java.nio.file.Path temp = stateFile.resolveSibling(stateFile.getFileName() + ".tmp");
            java.nio.file.Files.write(temp, lines);
            java.nio.file.Files.move(temp, stateFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String unusableReason(VmTarget vm, boolean forNextStart) {
        return null;
    }

    @Override
    public synchronized Attachment attach(VmTarget vm, AttachContext context) throws DeliveryException {
        String key = vm.id().toString();
        if (failOnceTransiently.remove(key)) {
            throw new DeliveryException(DeliveryException.Reason.TRANSIENT, "simulated: device busy");
        }
        attaches.incrementAndGet();
        attached.add(key + "#" + context.jobId());
        int host = perHost.computeIfAbsent(vm.id().connectionId(), h -> new AtomicInteger()).incrementAndGet();
        maxPerHost.merge(vm.id().connectionId(), host, Math::max);
        maxGlobal = Math.max(maxGlobal, attached.size());
        save();
        context.log().accept("simulated device attached (the test driver refuses real devices)");
        return new Attachment(NAME, MediaLocation.directory("/simulated/" + context.jobId()),
                Map.of("job", context.jobId()));
    }

    @Override
    public synchronized void detach(VmTarget vm, Attachment attachment) {
        if (attached.remove(vm.id().toString() + "#" + attachment.handle().get("job"))) {
            detaches.incrementAndGet();
            perHost.computeIfAbsent(vm.id().connectionId(), h -> new AtomicInteger()).decrementAndGet();
            save();
        }
    }

    @Override
    public boolean isAttached(VmTarget vm, Attachment attachment) {
        return attached.contains(vm.id().toString() + "#" + attachment.handle().get("job"));
    }
}
