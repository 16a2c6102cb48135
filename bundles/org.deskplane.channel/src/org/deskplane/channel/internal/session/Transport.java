package org.deskplane.channel.internal.session;

import java.io.Closeable;
import java.io.InputStream;
import java.io.OutputStream;

/** A connected, reliable, ordered byte pipe (Unix socket, virtio-serial port). Closing ends both directions. */
public interface Transport extends Closeable {

    InputStream input();

    OutputStream output();

    /** For logs: what this pipe is (never contains secrets). */
    String describe();

    @Override
    void close();
}
