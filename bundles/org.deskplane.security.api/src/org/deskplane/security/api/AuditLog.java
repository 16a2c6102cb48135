package org.deskplane.security.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Append-only record of security-relevant actions that survives restarts. Entries are never changed or
 * removed through this interface.
 */
@ProviderType
public interface AuditLog {

    /** Appends and forces the event to stable storage before returning. */
    void record(AuditEvent event);

    List<AuditEvent> query(AuditQuery query);
}
