package org.deskplane.content.api;

import java.util.Map;

/**
 * Where a data source's content is, as the CAL tells a {@link ContentSource}: the backend's own attributes,
 * e.g. {@code connection}/{@code uuid} for an agent, {@code image} (a path) and {@code format} for a disk,
 * {@code root} for a share.
 */
public record ContentLocation(String sourceId, String backend, Map<String, String> attributes) {

    public ContentLocation {
        attributes = Map.copyOf(attributes);
    }

    /** An attribute that must be there. */
    public String require(String name) throws ContentException {
        String value = attributes.get(name);
        if (value == null || value.isBlank()) {
            throw new ContentException(ContentException.Reason.UNAVAILABLE,
                    "data source " + sourceId + " has no '" + name + "' for backend " + backend);
        }
        return value;
    }
}
