package org.deskplane.vmdiff.rest.internal;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.deskplane.security.api.AuditEvent;
import org.deskplane.vmdiff.api.DifferenceServer;
import org.deskplane.vmdiff.api.VmHost;

/** What the routes reach: the server (or 503), the hosts connected now, the operations and the audit log. */
interface VmdiffServices {

    /** The server, or a 503 problem when none is registered. */
    DifferenceServer server();

    /** The server when there is one: the reads still show the hosts without it. */
    Optional<DifferenceServer> optionalServer();

    /** The hosts registered now, by host id. */
    List<VmHost> hosts();

    default Optional<VmHost> host(String id) {
        return hosts().stream().filter(h -> h.hostId().equals(id)).findFirst();
    }

    Operations operations();

    Duration shutdownTimeout();

    /** Appends to the audit log when there is one (a missing audit log must not stop a move). */
    void audit(AuditEvent event);
}
