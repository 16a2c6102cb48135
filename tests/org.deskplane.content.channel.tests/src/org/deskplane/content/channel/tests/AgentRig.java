package org.deskplane.content.channel.tests;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.Hashtable;
import java.util.Map;

import org.deskplane.channel.api.HostChannel;
import org.deskplane.content.api.ContentLocation;
import org.deskplane.content.api.ContentSource;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/**
 * A host and an agent in this one framework, joined by the real channel over a Unix socket: the host listens
 * (org.deskplane.channel.listener), the agent endpoint connects with a provisioned secret
 * (org.deskplane.channel.agent), the guest content handlers serve the given roots (org.deskplane.content.agent).
 */
final class AgentRig implements AutoCloseable {
    static final String LISTENER_PID = "org.deskplane.channel.listener";
    static final String AGENT_PID = "org.deskplane.channel.agent";
    static final String ROOTS_PID = "org.deskplane.content.agent";
    static final Duration DEADLINE = Duration.ofSeconds(30);

    final BundleContext context = FrameworkUtil.getBundle(AgentRig.class).getBundleContext();
    final String vmId;
    final HostChannel host;
    final ContentSource source;
    private final ConfigurationAdmin cm;
    private final Path socketDir;
    private final Configuration listener;
    private final Configuration roots;
    private Configuration agent;
    private final Path keyFile;

    AgentRig(String vmId, Path... rootDirs) throws Exception {
        this.vmId = vmId;
        host = service(HostChannel.class, null);
        cm = service(ConfigurationAdmin.class, null);
        source = service(ContentSource.class, "(" + ContentSource.BACKEND_PROPERTY + "=agent)");
        // socket paths must stay under ~100 bytes: not below the JUnit temp dir
        socketDir = Files.createTempDirectory(Path.of("/tmp"), "dpca");
        Path socket = socketDir.resolve("agents.sock");
        listener = cm.getConfiguration(LISTENER_PID, "?");
        listener.update(new Hashtable<>(Map.of("socketPath", socket.toString())));
        await("the listener socket exists", () -> Files.exists(socket));
        roots = cm.getConfiguration(ROOTS_PID, "?");
        setRoots(rootDirs);
        keyFile = socketDir.resolve("agent.key");
        Files.writeString(keyFile, Base64.getEncoder().encodeToString(host.provisionSecret(vmId)) + "\n",
                StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
        startAgent();
    }

    void setRoots(Path... dirs) throws IOException {
        String[] paths = new String[dirs.length];
        for (int i = 0; i < dirs.length; i++) {
            paths[i] = dirs[i].toString();
        }
        roots.update(new Hashtable<>(Map.of("roots", paths)));
    }

    void startAgent() throws IOException {
        agent = cm.getConfiguration(AGENT_PID, "?");
        agent.update(new Hashtable<>(Map.of("vmId", vmId, "keyFile", keyFile.toString(), "socketPath",
                socketDir.resolve("agents.sock").toString())));
        await("the agent is connected", () -> host.agent(vmId).isConnected());
    }

    void stopAgent() throws IOException {
        agent.delete();
        await("the host sees the agent gone", () -> !host.agent(vmId).isConnected());
    }

    /** Where the CAL would say this desktop is; the UUID in capitals, as hypervisors may report it. */
    ContentLocation location() {
        return new ContentLocation("vm:test:" + vmId, "agent", Map.of("connection", "test", "uuid",
                vmId.toUpperCase(java.util.Locale.ROOT)));
    }

    @Override
    public void close() throws Exception {
        if (agent != null) {
            agent.delete();
        }
        roots.delete();
        listener.delete();
    }

    private <T> T service(Class<T> type, String filter) throws Exception {
        ServiceTracker<T, T> tracker = filter == null ? new ServiceTracker<>(context, type, null)
                : new ServiceTracker<>(context, context.createFilter("(&(objectClass=" + type.getName() + ")" + filter + ")"), null);
        tracker.open();
        T s = tracker.waitForService(DEADLINE.toMillis());
        assertNotNull(s, type.getSimpleName() + " " + (filter == null ? "" : filter) + " did not appear within " + DEADLINE);
        return s;
    }

    interface Check {
        boolean holds() throws Exception;
    }

    /** Polls {@code check} until it holds (exceptions count as "not yet") or the deadline passes. */
    static void await(String what, Check check) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (check.holds()) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        fail("timed out after " + DEADLINE + " waiting for: " + what + (last == null ? "" : " (last: " + last + ")"));
    }
}
