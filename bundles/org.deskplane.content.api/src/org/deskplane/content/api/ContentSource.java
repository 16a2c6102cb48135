package org.deskplane.content.api;

import java.io.IOException;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One way of reaching content (an OSGi service per backend, with the service property
 * {@value #BACKEND_PROPERTY}: "agent", "disk", "share"). Hot-swappable: the CAL drops its views of a backend
 * whose service goes away, and requests then fail with {@link ContentException.Reason#UNAVAILABLE}.
 */
@ConsumerType
public interface ContentSource {

    String BACKEND_PROPERTY = "content.backend";

    /** Opens a view of the location; may take time (opening a disk image, reaching an agent). */
    ContentView open(ContentLocation location) throws IOException;
}
