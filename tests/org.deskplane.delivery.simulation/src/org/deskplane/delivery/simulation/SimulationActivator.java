package org.deskplane.delivery.simulation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;

import org.deskplane.delivery.spi.DeliveryMethod;
import org.deskplane.delivery.spi.GuestProcessor;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * Used when a test installs this bundle into a real server: registers the simulated device (its state kept in
 * {@code <data>/delivery-simulation/device.state}, so it outlives a killed server) and agents that come up on demand
 * for any VM and succeed after a few polls. The engine tests do not start this bundle; they register the parts
 * themselves.
 */
public final class SimulationActivator implements BundleActivator {
    private SimulatedAgents agents;

    @Override
    public void start(BundleContext context) throws Exception {
        String data = context.getProperty("deskplane.data");
        Path dir = Files.createDirectories(Path.of(data == null ? "data" : data).toAbsolutePath().resolve("delivery-simulation"));
        Path sockets = Path.of("/tmp/dp-sim-server-" + Integer.toHexString(dir.hashCode()));
        if (Files.isDirectory(sockets)) {
            // sockets a killed server left: nobody listens there; its agents (and their jobs) are gone
            try (var stale = Files.list(sockets)) {
                for (Path socket : stale.toList()) {
                    Files.deleteIfExists(socket);
                }
            }
        }
        agents = new SimulatedAgents(sockets);
        agents.startOnDemand(SimulatedAgents.Behavior.SUCCEED);
        Hashtable<String, Object> method = new Hashtable<>();
        method.put(DeliveryMethod.NAME_PROPERTY, SimulatedDevice.NAME);
        context.registerService(DeliveryMethod.class, new SimulatedDevice(dir.resolve("device.state")), method);
        Hashtable<String, Object> processor = new Hashtable<>();
        processor.put(GuestProcessor.NAME_PROPERTY, SimulatedAgentProcessor.NAME);
        context.registerService(GuestProcessor.class, new SimulatedAgentProcessor(agents), processor);
    }

    @Override
    public void stop(BundleContext context) throws Exception {
        agents.close();
    }
}
