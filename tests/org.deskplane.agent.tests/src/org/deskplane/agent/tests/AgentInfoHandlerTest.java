package org.deskplane.agent.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.deskplane.agent.tests.HandlerServices.HostPeer;
import org.deskplane.channel.api.MessageHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code agent.info} tells the host about the agent: its VM id, versions, Java, OS and the Deskplane bundles. */
class AgentInfoHandlerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HandlerServices services = new HandlerServices();
    private final BundleContext context = FrameworkUtil.getBundle(AgentInfoHandlerTest.class).getBundleContext();

    @AfterEach
    void close() {
        services.close();
    }

    private JsonNode info(String vmId) throws Exception {
        MessageHandler handler = services.await("agent.info");
        return JSON.readTree(HandlerServices.call(handler, "agent.info", new byte[0], new HostPeer(vmId)));
    }

    private Bundle agentBundle() {
        for (Bundle b : context.getBundles()) {
            if ("org.deskplane.agent".equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("org.deskplane.agent is not installed");
    }

    @Test
    void statesVmIdVersionsJavaAndOs() throws Exception {
        JsonNode info = info("desk-01");
        assertEquals("desk-01", info.path("vmId").asText());
        assertEquals(agentBundle().getVersion().toString(), info.path("agentVersion").asText());
        assertEquals(System.getProperty("java.version"), info.path("java").asText());
        assertEquals(System.getProperty("os.name") + " " + System.getProperty("os.version"), info.path("os").asText());
    }

    @Test
    void listsTheDeskplaneBundlesWithVersionAndStateOnly() throws Exception {
        JsonNode bundles = info("desk-01").path("bundles");
        assertTrue(bundles.isArray(), bundles.toString());
        Map<String, JsonNode> bySymbolicName = new HashMap<>();
        for (JsonNode b : bundles) {
            String name = b.path("symbolicName").asText();
            assertTrue(name.startsWith("org.deskplane."), "not a Deskplane bundle: " + name);
            bySymbolicName.put(name, b);
        }
        JsonNode agent = bySymbolicName.get("org.deskplane.agent");
        assertNotNull(agent, bundles.toString());
        assertEquals(agentBundle().getVersion().toString(), agent.path("version").asText());
        assertEquals(Bundle.ACTIVE, agent.path("state").asInt());
        assertTrue(bySymbolicName.containsKey("org.deskplane.channel.api"), bundles.toString());
        assertTrue(bySymbolicName.containsKey("org.deskplane.agent.tests"), bundles.toString());
        assertFalse(bySymbolicName.containsKey("org.apache.felix.scr"));
        long deskplaneBundles = java.util.Arrays.stream(context.getBundles())
                .filter(b -> b.getSymbolicName() != null && b.getSymbolicName().startsWith("org.deskplane.")).count();
        assertEquals(deskplaneBundles, bundles.size(), bundles.toString());
    }

    @Test
    void vmIdWithQuotesBackslashesAndControlCharactersStaysValidJson() throws Exception {
        String awkward = "desk \"01\" \\ tab\there\nline";
        JsonNode info = info(awkward);
        assertEquals(awkward, info.path("vmId").asText());
    }
}
