package org.deskplane.qga.hypervisor.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;

import org.deskplane.hypervisor.api.HypervisorConnection;
import org.deskplane.hypervisor.api.VmId;
import org.deskplane.qga.api.GuestAgentClient;
import org.deskplane.qga.api.GuestAgentClients;
import org.deskplane.qga.api.GuestAgentCommandNotFoundException;
import org.deskplane.qga.api.GuestAgentConnectionException;
import org.deskplane.qga.api.GuestAgentErrorException;
import org.deskplane.qga.api.GuestAgentException;
import org.deskplane.qga.api.GuestAgentOptions;
import org.deskplane.qga.hypervisor.VmGuestAgents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The real guest agent client (org.deskplane.qga's GuestAgentClients service) and the VmGuestAgents service over
 * a fake hypervisor connection: the agent's answers, errors included, reach the caller as the client's typed
 * results and exceptions.
 */
class ClientOverHypervisorTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String UUID = "6f1c2d3e-0000-4000-8000-00000000abcd";
    private static final String NOT_FOUND = "{\"error\":{\"class\":\"CommandNotFound\","
            + "\"desc\":\"The command guest-ping has not been found\"}}";

    private static BundleContext context;
    private static ServiceTracker<GuestAgentClients, GuestAgentClients> clientsTracker;
    private static ServiceTracker<VmGuestAgents, VmGuestAgents> vmAgentsTracker;
    private static GuestAgentClients clients;
    private static VmGuestAgents vmAgents;

    @BeforeAll
    static void waitForServices() throws InterruptedException {
        context = FrameworkUtil.getBundle(ClientOverHypervisorTest.class).getBundleContext();
        assertNotNull(context, "org.deskplane.qga.hypervisor must be started");
        clientsTracker = new ServiceTracker<>(context, GuestAgentClients.class, null);
        clientsTracker.open();
        vmAgentsTracker = new ServiceTracker<>(context, VmGuestAgents.class, null);
        vmAgentsTracker.open();
        clients = clientsTracker.waitForService(WAIT.toMillis());
        assertNotNull(clients, "no GuestAgentClients service (org.deskplane.qga not started?)");
        vmAgents = vmAgentsTracker.waitForService(WAIT.toMillis());
        assertNotNull(vmAgents, "no VmGuestAgents service");
    }

    @AfterAll
    static void closeTrackers() {
        clientsTracker.close();
        vmAgentsTracker.close();
    }

    @Test
    void anAgentErrorBecomesTheClientsTypedException() throws GuestAgentException {
        FakeConnection fake = new FakeConnection("host-a", (uuid, command, timeout) -> NOT_FOUND);
        try (GuestAgentClient client = clients.open(new HypervisorQgaTransport(fake.connection, UUID),
                GuestAgentOptions.DEFAULTS)) {
            GuestAgentCommandNotFoundException e = assertThrows(GuestAgentCommandNotFoundException.class,
                    client::ping);
            assertEquals("guest-ping", e.command());
            assertEquals("CommandNotFound", e.errorClass());
            assertEquals("The command guest-ping has not been found", e.description());
        }
        assertEquals(1, fake.calls.size());
        assertTrue(fake.calls.get(0).commandJson().contains("\"guest-ping\""), fake.calls.get(0).commandJson());
        assertEquals(UUID, fake.calls.get(0).uuid());
        assertEquals(GuestAgentOptions.DEFAULTS.callTimeout(), fake.calls.get(0).timeout());
    }

    @Test
    void otherAgentErrorsAreGenericAgentErrors() throws GuestAgentException {
        FakeConnection fake = new FakeConnection("host-a",
                (uuid, command, timeout) -> "{\"error\":{\"class\":\"GenericError\",\"desc\":\"busy\"}}");
        try (GuestAgentClient client = clients.open(new HypervisorQgaTransport(fake.connection, UUID),
                GuestAgentOptions.DEFAULTS)) {
            GuestAgentErrorException e = assertThrows(GuestAgentErrorException.class, client::ping);
            assertEquals(GuestAgentErrorException.class, e.getClass());
            assertEquals("GenericError", e.errorClass());
        }
    }

    @Test
    void aSuccessfulAnswerIsASuccessfulPing() throws GuestAgentException {
        FakeConnection fake = new FakeConnection("host-a", (uuid, command, timeout) -> "{\"return\":{}}");
        try (GuestAgentClient client = clients.open(new HypervisorQgaTransport(fake.connection, UUID),
                GuestAgentOptions.DEFAULTS)) {
            client.ping();
        }
        assertEquals(1, fake.calls.size());
    }

    @Test
    void vmGuestAgentsOpensTheClientOnTheVmsConnection() throws Exception {
        FakeConnection fake = new FakeConnection("host-fake", (uuid, command, timeout) -> NOT_FOUND);
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(HypervisorConnection.ID_PROPERTY, "host-fake");
        ServiceRegistration<HypervisorConnection> registration = context.registerService(HypervisorConnection.class,
                fake.connection, properties);
        try (GuestAgentClient client = openWhenBound(new VmId("host-fake", UUID))) {
            assertThrows(GuestAgentCommandNotFoundException.class, client::ping);
        } finally {
            registration.unregister();
        }
        assertEquals(UUID, fake.calls.get(0).uuid());
    }

    @Test
    void vmGuestAgentsRefusesAnUnknownConnection() {
        GuestAgentConnectionException e = assertThrows(GuestAgentConnectionException.class,
                () -> vmAgents.open(new VmId("no-such-host", UUID)));
        assertTrue(e.getMessage().contains("'no-such-host'"), e.getMessage());
    }

    /** The component binds the new connection as soon as it is registered; polls with a deadline to be safe. */
    private static GuestAgentClient openWhenBound(VmId vm) throws GuestAgentException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                return vmAgents.open(vm);
            } catch (GuestAgentConnectionException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.onSpinWait();
            }
        }
    }
}
