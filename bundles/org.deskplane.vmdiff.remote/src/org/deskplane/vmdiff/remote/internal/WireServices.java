package org.deskplane.vmdiff.remote.internal;

import java.io.IOException;

import org.deskplane.vmdiff.api.DifferenceServer;

/** What the route groups need from the resource: the server (or a 503), the push sessions and the size limits. */
interface WireServices {

    DifferenceServer server();

    PushSessions sessions() throws IOException;

    long maxBatchBytes();

    long maxAnnounceBytes();

    IndexCache indexes();
}
