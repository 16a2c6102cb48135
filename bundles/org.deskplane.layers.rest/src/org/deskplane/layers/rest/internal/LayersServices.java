package org.deskplane.layers.rest.internal;

import org.deskplane.layers.api.CvdStore;
import org.deskplane.layers.api.SyncService;
import org.deskplane.security.api.AuditEvent;

/** What the routes reach: each call returns the current service or answers 503; limits; the audit log. */
interface LayersServices {

    CvdStore store();

    SyncService sync();

    /** Appends to the audit log when there is one (a missing audit log must not stop syncing). */
    void audit(AuditEvent event);

    long maxChunkBytes();

    int maxWaitSeconds();

    HeadWatch heads();
}
