package org.deskplane.delivery.api;

import java.util.Objects;

/** Names one payload version of the repository. */
public record PayloadRef(String id, String version) {

    public PayloadRef {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
    }

    @Override
    public String toString() {
        return id + "/" + version;
    }
}
