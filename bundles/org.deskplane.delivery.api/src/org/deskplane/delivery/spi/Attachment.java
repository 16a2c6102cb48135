package org.deskplane.delivery.spi;

import java.util.Map;
import java.util.Objects;

/**
 * What a method attached, persisted by the engine before it is used so that clean-up works after a crash too.
 *
 * @param method   the method's name
 * @param location where the guest finds the payload
 * @param handle   what the method needs to undo it (drive target, overlay file …); plain strings only
 */
public record Attachment(String method, MediaLocation location, Map<String, String> handle) {

    public Attachment {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(location, "location");
        handle = handle == null ? Map.of() : Map.copyOf(handle);
    }
}
