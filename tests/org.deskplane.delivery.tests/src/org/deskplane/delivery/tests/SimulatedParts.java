package org.deskplane.delivery.tests;

import java.nio.file.Path;
import java.util.Hashtable;

import org.deskplane.delivery.api.PayloadRepository;
import org.deskplane.delivery.spi.DeliveryMethod;
import org.deskplane.delivery.spi.GuestProcessor;
import org.deskplane.delivery.simulation.SimulatedAgentProcessor;
import org.deskplane.delivery.simulation.SimulatedAgents;
import org.deskplane.delivery.simulation.SimulatedDevice;
import org.osgi.framework.ServiceRegistration;

/** The simulated parts every engine test registers once per class. */
final class SimulatedParts implements AutoCloseable {
    final MemoryRepository repository;
    final SimulatedDevice device = new SimulatedDevice();
    final SimulatedAgents agents;
    private final ServiceRegistration<?>[] registrations;

    SimulatedParts(String name) throws Exception {
        Rig.configureEngine();
        Path dir = Rig.testDir(name);
        repository = new MemoryRepository(dir);
        agents = new SimulatedAgents(Path.of("/tmp/dp-sim-" + name)); // short: Unix socket paths are limited to 108 bytes
        Hashtable<String, Object> method = new Hashtable<>();
        method.put(DeliveryMethod.NAME_PROPERTY, SimulatedDevice.NAME);
        Hashtable<String, Object> processor = new Hashtable<>();
        processor.put(GuestProcessor.NAME_PROPERTY, SimulatedAgentProcessor.NAME);
        registrations = new ServiceRegistration<?>[] {
                Rig.context().registerService(PayloadRepository.class, repository, null),
                Rig.context().registerService(DeliveryMethod.class, device, method),
                Rig.context().registerService(GuestProcessor.class, new SimulatedAgentProcessor(agents), processor) };
    }

    /** Takes the device method away (as when its bundle is stopped for an update). */
    void withdrawDevice() {
        registrations[1].unregister();
    }

    /** Brings the device method back (the updated bundle started). */
    void restoreDevice() {
        Hashtable<String, Object> method = new Hashtable<>();
        method.put(DeliveryMethod.NAME_PROPERTY, SimulatedDevice.NAME);
        registrations[1] = Rig.context().registerService(DeliveryMethod.class, device, method);
    }

    @Override
    public void close() throws Exception {
        for (ServiceRegistration<?> r : registrations) {
            r.unregister();
        }
        agents.close();
    }
}
