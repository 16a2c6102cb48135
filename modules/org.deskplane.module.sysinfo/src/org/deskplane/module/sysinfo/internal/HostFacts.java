package org.deskplane.module.sysinfo.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** What {@code sysinfo.host} tells about the host, read fresh for every request. */
record HostFacts(String hostName, int availableProcessors, long hostUptimeSeconds, long jvmUptimeMillis) {

    private static final Path PROC_UPTIME = Path.of("/proc/uptime");

    static HostFacts read() {
        return new HostFacts(readHostName(), Runtime.getRuntime().availableProcessors(), readHostUptimeSeconds(),
                ManagementFactory.getRuntimeMXBean().getUptime());
    }

    private static String readHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            String fromEnvironment = System.getenv("HOSTNAME");
            return fromEnvironment == null ? "unknown" : fromEnvironment;
        }
    }

    /** Seconds since the host booted (first field of /proc/uptime), or -1 where the file does not exist. */
    private static long readHostUptimeSeconds() {
        try (InputStream in = Files.newInputStream(PROC_UPTIME)) {
            String text = new String(in.readNBytes(128), StandardCharsets.US_ASCII).trim();
            String seconds = text.split("\\s+")[0];
            return (long) Double.parseDouble(seconds);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
