package org.deskplane.channel.internal.host;

import java.io.IOException;
import java.nio.file.Path;
import java.util.logging.Level;

import org.deskplane.channel.internal.session.Backoff;
import org.deskplane.channel.internal.session.ChannelCore;
import org.deskplane.channel.internal.transport.UnixSocketTransport;

/**
 * Keeps the host connected to one VM's channel socket (bound by QEMU for the VM's virtio-serial port):
 * connect, serve, and after the socket ends or cannot be reached, try again with backoff — forever.
 */
public final class VmSocketConnector implements AutoCloseable {

    private final HostEndpoint host;
    private final String vmId;
    private final Path socket;
    private final Thread thread;
    private volatile boolean closed;
    private volatile UnixSocketTransport current;

    public VmSocketConnector(HostEndpoint host, String vmId, Path socket) {
        this.host = host;
        this.vmId = vmId;
        this.socket = socket;
        this.thread = Thread.ofVirtual().name("deskplane-channel-vm-" + vmId).start(this::loop);
    }

    private void loop() {
        Backoff backoff = new Backoff(100, 5_000);
        while (!closed) {
            try {
                current = UnixSocketTransport.connect(socket);
                backoff.reset();
                host.serve(current, vmId);
            } catch (IOException e) {
                ChannelCore.LOG.log(Level.FINE, "channel: socket of " + vmId + " not reachable: " + e);
            }
            try {
                Thread.sleep(backoff.nextDelayMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        UnixSocketTransport t = current;
        if (t != null) {
            t.close();
        }
        thread.interrupt();
    }
}
