package org.deskplane.delivery.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.deskplane.delivery.api.DeliveryException;
import org.deskplane.delivery.api.DeliveryException.Reason;
import org.deskplane.delivery.api.PayloadRepository;
import org.deskplane.delivery.spi.DeliveryMethod;
import org.deskplane.delivery.spi.GuestProcessor;
import org.deskplane.hypervisor.api.HypervisorConnection;
import org.deskplane.security.api.AuditLog;

/**
 * The services the engine is built from, as they come and go (each is a hot-swappable bundle). A missing part is a
 * transient condition for running items: they wait and retry rather than fail, so updating a method's bundle in the
 * middle of a rollout loses nothing.
 */
final class EngineParts {
    final Map<String, DeliveryMethod> methods = new ConcurrentHashMap<>();
    final List<GuestProcessor> processors = new CopyOnWriteArrayList<>();
    final Map<String, HypervisorConnection> connections = new ConcurrentHashMap<>();
    volatile PayloadRepository repository;
    volatile AuditLog audit;

    PayloadRepository repository() throws DeliveryException {
        PayloadRepository r = repository;
        if (r == null) {
            throw new DeliveryException(Reason.TRANSIENT, "the payload repository is not available");
        }
        return r;
    }

    HypervisorConnection connection(String id) throws DeliveryException {
        HypervisorConnection c = connections.get(id);
        if (c == null) {
            throw new DeliveryException(Reason.TRANSIENT, "hypervisor connection " + id + " is not available");
        }
        return c;
    }

    DeliveryMethod method(String name) {
        return name == null ? null : methods.get(name);
    }

    GuestProcessor processor(String name) {
        return processors.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }

    /** Processors best first. */
    List<GuestProcessor> processorsByRank() {
        return processors.stream().sorted(Comparator.comparingInt(GuestProcessor::rank).reversed()).toList();
    }
}
