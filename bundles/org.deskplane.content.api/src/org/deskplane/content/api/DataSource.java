package org.deskplane.content.api;

/**
 * One place a user can read files from.
 *
 * @param id       stable identifier to use in requests (e.g. {@code vm:demo-1:<uuid>}, {@code disk:…:vdb},
 *                 {@code share:projects})
 * @param kind     what it is to the user
 * @param name     a display name
 * @param state    its state as the user would say it ("running", "shut off", "available")
 * @param backend  which {@link ContentSource} serves it now ("agent", "disk", "share")
 * @param writable whether policy and backend allow writing at all (each request is still checked)
 * @param note     a caveat to show the user, e.g. that a running desktop without an agent is a point-in-time
 *                 view that may be stale; "" when none
 */
public record DataSource(String id, SourceKind kind, String name, String state, String backend, boolean writable,
        String note) {
}
