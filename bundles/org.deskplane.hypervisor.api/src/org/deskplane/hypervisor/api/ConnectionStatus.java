package org.deskplane.hypervisor.api;

import java.time.Instant;

/**
 * Where a connection stands.
 *
 * @param state     see {@link State}
 * @param since     when it entered this state
 * @param lastError the latest connect or I/O failure, null when none since the last success
 * @param hostName  the host's name as the hypervisor reports it, null until first connected
 * @param hypervisor the driver type (QEMU, TEST …), null until first connected
 */
public record ConnectionStatus(State state, Instant since, String lastError, String hostName, String hypervisor) {

    public enum State {
        /** First attempt in progress. */
        CONNECTING,
        CONNECTED,
        /** Lost or never reached; retried with backoff. */
        DISCONNECTED,
        /** The connection is shutting down. */
        CLOSED
    }
}
