package org.deskplane.qga.hypervisor.internal;

import java.time.Duration;

import org.deskplane.hypervisor.api.HypervisorConnection;
import org.deskplane.hypervisor.api.HypervisorException;
import org.deskplane.qga.api.GuestAgentConnectionException;
import org.deskplane.qga.api.GuestAgentException;
import org.deskplane.qga.api.GuestAgentProtocolException;
import org.deskplane.qga.api.GuestAgentTimeoutException;
import org.deskplane.qga.api.QgaTransport;

/**
 * Carries QGA commands through the hypervisor's own agent channel. The hypervisor frames, synchronises and
 * times out the exchange itself, so the default {@link #resync} (nothing) is right; the client's response bound
 * is still enforced here, on what the hypervisor hands back.
 */
final class HypervisorQgaTransport implements QgaTransport {

    private final HypervisorConnection connection;
    private final String uuid;
    private volatile boolean closed;

    HypervisorQgaTransport(HypervisorConnection connection, String uuid) {
        this.connection = connection;
        this.uuid = uuid;
    }

    @Override
    public String execute(String commandJson, Duration timeout, int maxResponseBytes) throws GuestAgentException {
        if (closed) {
            throw new GuestAgentConnectionException(describe() + " is closed");
        }
        String response;
        try {
            response = connection.guestAgentCommand(uuid, commandJson, timeout);
        } catch (HypervisorException e) {
            throw switch (e.kind()) {
                case TIMEOUT -> new GuestAgentTimeoutException(describe() + ": no answer within " + timeout + " ("
                        + e.getMessage() + ")");
                default -> new GuestAgentConnectionException(describe() + ": " + e.getMessage(), e);
            };
        }
        if (response == null) {
            throw new GuestAgentProtocolException(describe() + ": the hypervisor returned no response");
        }
        if (response.length() > maxResponseBytes) {
            throw new GuestAgentProtocolException(describe() + ": the answer is larger than " + maxResponseBytes
                    + " bytes");
        }
        return response;
    }

    @Override
    public String describe() {
        return "guest agent of VM " + uuid + " through connection '" + connection.id() + "'";
    }

    @Override
    public void close() {
        closed = true;
    }
}
