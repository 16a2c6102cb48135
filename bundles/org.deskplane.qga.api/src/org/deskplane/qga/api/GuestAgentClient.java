package org.deskplane.qga.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A connection to one QEMU guest agent. Calls are serialised (the agent answers one command at a time);
 * each is bounded by {@link GuestAgentOptions#callTimeout()}. After a timeout or a protocol error the
 * client resynchronises ({@code guest-sync-delimited}) before its next command, so a late answer to an
 * old command is never taken for the answer to a new one. Close it when done.
 */
@ProviderType
public interface GuestAgentClient extends AutoCloseable {

    /** {@code guest-ping}: returns when the agent answers. */
    void ping() throws GuestAgentException;

    /** {@code guest-info}. */
    GuestAgentInfo info() throws GuestAgentException;

    /**
     * {@code guest-exec} with captured output, then {@code guest-exec-status} until the program exits.
     *
     * @throws GuestAgentTimeoutException when it is still running after {@link GuestExecRequest#timeout()};
     *         the program keeps running in the guest (QGA cannot kill it), the message names its pid
     */
    GuestExecResult exec(GuestExecRequest request) throws GuestAgentException;

    /** {@code guest-file-open}; {@code mode} is an fopen mode ("r", "rb", "w", "wb", "a" ...). Returns the handle. */
    long openFile(String path, String mode) throws GuestAgentException;

    /** {@code guest-file-read} of at most {@code count} bytes (and at most the configured chunk size). */
    GuestFileChunk readFile(long handle, int count) throws GuestAgentException;

    /** {@code guest-file-write} of all of {@code data} (in chunks of the configured size); returns bytes written. */
    long writeFile(long handle, byte[] data) throws GuestAgentException;

    /** {@code guest-file-close}. */
    void closeFile(long handle) throws GuestAgentException;

    /** Writes {@code content} to the guest file {@code path}, replacing it (open "wb", write, close). */
    void writeFile(String path, byte[] content) throws GuestAgentException;

    /**
     * Reads the whole guest file {@code path}.
     *
     * @throws GuestAgentProtocolException when it is larger than {@code maxBytes}
     */
    byte[] readFile(String path, long maxBytes) throws GuestAgentException;

    /** Forces a {@code guest-sync-delimited} round now (done automatically when it is needed). */
    void resync() throws GuestAgentException;

    /** Where the agent is, for messages. */
    String describe();

    /** Closes the transport; later calls fail with {@link GuestAgentConnectionException}. */
    @Override
    void close();
}
