package org.deskplane.qga.api;

import java.time.Duration;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One way of carrying guest agent commands: hands one JSON command to the agent and returns its one JSON
 * response. The Unix-socket transport of this bundle frames, resynchronises and bounds the stream itself;
 * a libvirt transport would call {@code virDomainQemuAgentCommand}, which does the same inside libvirt.
 * A transport is used by one client at a time; the client serialises its calls.
 */
@ConsumerType
public interface QgaTransport extends AutoCloseable {

    /**
     * Sends {@code commandJson} (one QGA command object, {@code {"execute": ..., "arguments": ...}}) and
     * returns the agent's response object as JSON text, at most {@code maxResponseBytes} long.
     *
     * @throws GuestAgentTimeoutException when no complete response arrives within {@code timeout}
     * @throws GuestAgentProtocolException when the response is larger than allowed or not one JSON object
     * @throws GuestAgentConnectionException when the transport cannot reach the agent
     */
    String execute(String commandJson, Duration timeout, int maxResponseBytes) throws GuestAgentException;

    /**
     * Brings the stream back in step with the agent, so that no stale bytes of an earlier exchange are
     * taken for the next response. A raw stream does {@code guest-sync-delimited} here (and by itself
     * before its first command and after any timeout or protocol error); a carrier that synchronises on
     * its own, like libvirt, keeps this default.
     */
    default void resync(Duration timeout) throws GuestAgentException {
        // nothing to do for carriers that synchronise by themselves
    }

    /** A human-readable description of where the agent is (for error messages and logs). */
    String describe();

    /** Releases the transport; calls after this fail with {@link GuestAgentConnectionException}. */
    @Override
    void close();
}
