package org.deskplane.client.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.deskplane.client.ServerException;
import org.deskplane.hypervisor.api.HypervisorConnection;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The server's hypervisor connections as {@link RemoteHypervisorConnection}s, one object per connection id for
 * the life of the login (so that registering them again finds the same ones).
 */
final class RemoteHypervisors {

    private final RestClient rest;
    private final Map<String, RemoteHypervisorConnection> known = new ConcurrentHashMap<>();

    RemoteHypervisors(RestClient rest) {
        this.rest = rest;
    }

    /**
     * Asks the server now. A server without the hypervisor feature (404 for the route) or with the REST
     * provider stopped (503) has none.
     */
    List<HypervisorConnection> connections() {
        List<JsonNode> listed;
        try {
            listed = connectionList(rest);
        } catch (ServerException e) {
            if (e.status() == 404 || e.status() == 503) {
                return List.of();
            }
            throw e;
        }
        List<HypervisorConnection> connections = new ArrayList<>();
        for (JsonNode connection : listed) {
            String id = connection.path("id").asText(null);
            if (id != null) {
                connections.add(known.computeIfAbsent(id,
                        key -> new RemoteHypervisorConnection(rest, key, connection.path("uri").asText(null))));
            }
        }
        return List.copyOf(connections);
    }

    static List<JsonNode> connectionList(RestClient rest) {
        return JsonMapping.list(rest.getJson("/hypervisor/connections"), "hypervisor connection", node -> node);
    }
}
