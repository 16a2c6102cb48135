package org.deskplane.delivery.tests;

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
final class SimulatedDevice implements DeliveryMethod {
    static final String NAME = "sim-device";

    final Set<String> attached = ConcurrentHashMap.newKeySet();
    final Map<String, AtomicInteger> perHost = new ConcurrentHashMap<>();
    final Map<String, Integer> maxPerHost = new ConcurrentHashMap<>();
    final AtomicInteger attaches = new AtomicInteger();
    final AtomicInteger detaches = new AtomicInteger();
    volatile int maxGlobal;
    /** VM ids whose first attach fails with a transient error. */
    final Set<String> failOnceTransiently = ConcurrentHashMap.newKeySet();

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
        context.log().accept("simulated device attached (the test driver refuses real devices)");
        return new Attachment(NAME, MediaLocation.directory("/simulated/" + context.jobId()),
                Map.of("job", context.jobId()));
    }

    @Override
    public synchronized void detach(VmTarget vm, Attachment attachment) {
        if (attached.remove(vm.id().toString() + "#" + attachment.handle().get("job"))) {
            detaches.incrementAndGet();
            perHost.get(vm.id().connectionId()).decrementAndGet();
        }
    }

    @Override
    public boolean isAttached(VmTarget vm, Attachment attachment) {
        return attached.contains(vm.id().toString() + "#" + attachment.handle().get("job"));
    }
}
