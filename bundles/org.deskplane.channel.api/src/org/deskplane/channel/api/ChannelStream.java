package org.deskplane.channel.api;

import java.io.InputStream;
import java.io.OutputStream;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One multiplexed, flow-controlled byte stream. Writes block when the peer's window is used up and fail
 * (IOException naming {@code timeout}) when it stays used up; closing the output half-closes (FIN).
 */
@ProviderType
public interface ChannelStream extends AutoCloseable {

    int id();

    String streamType();

    InputStream input();

    OutputStream output();

    /** Aborts both directions; the peer's reads and writes fail with the code. */
    void reset(String code, String message);

    /** Half-closes the output and discards unread input. */
    @Override
    void close();
}
