package org.deskplane.disk.nbd.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import org.deskplane.disk.api.BlockDevice;
import org.deskplane.disk.api.NetworkBlockDevices;
import org.osgi.service.component.annotations.Component;

/** The NBD client as a service: each device may use up to four connections, each exchange has 30 s. */
@Component
public final class NbdComponent implements NetworkBlockDevices {
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final int CONNECTIONS_PER_DEVICE = 4;

    @Override
    public BlockDevice open(Path socket, String exportName) throws IOException {
        return new NbdBlockDevice(socket, exportName, TIMEOUT, CONNECTIONS_PER_DEVICE);
    }
}
