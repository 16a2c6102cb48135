package org.deskplane.channel.internal.transport;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Path;

import org.deskplane.channel.internal.session.Transport;

/**
 * A character device opened once for reading and writing (a virtio-serial port allows one open at a time).
 * Reads and writes use the same file descriptor through separate streams, so neither blocks the other.
 */
public final class DeviceTransport implements Transport {

    private final RandomAccessFile file;
    private final InputStream input;
    private final OutputStream output;
    private final String description;

    public DeviceTransport(Path device) throws IOException {
        this.file = new RandomAccessFile(device.toFile(), "rw");
        this.input = new FileInputStream(file.getFD());
        this.output = new FileOutputStream(file.getFD());
        this.description = "device:" + device;
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public OutputStream output() {
        return output;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        try {
            file.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
