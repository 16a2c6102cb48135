package org.deskplane.delivery.ui.internal;

import static org.deskplane.client.ServerRest.segment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.deskplane.client.ServerConnection;
import org.deskplane.client.ServerRest;
import org.deskplane.delivery.ui.internal.DeliveryRows.DeploymentRow;
import org.deskplane.delivery.ui.internal.DeliveryRows.PayloadRow;
import org.deskplane.workbench.platform.ui.support.ServiceClient;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The server's {@code /api/delivery} routes as calls, over the connection's {@link ServerRest}. Blocking: never on
 * the UI thread.
 */
final class DeliveryClient {

    /** Why the parts show nothing: there is no server connection. */
    static final String NOT_CONNECTED = "Not connected: log in to a Deskplane server that has the software delivery feature.";

    private final ServerRest http;

    DeliveryClient(ServerConnection connection) {
        this.http = connection.rest();
    }

    /**
     * The client of the server connection the workbench registered at login. Delivery has no embedded mode (the
     * engine needs the server's hypervisors), so without a connection the parts say "log in".
     */
    static ServiceClient<ServerConnection, DeliveryClient> watch(Runnable onChange) {
        return new ServiceClient<>(DeliveryClient.class, ServerConnection.class, DeliveryClient::new, onChange);
    }

    List<PayloadRow> payloads() {
        return DeliveryRows.array(http.get("/delivery/payloads")).stream().map(PayloadRow::of).toList();
    }

    JsonNode payload(PayloadRow p) {
        return http.get(path(p));
    }

    /** Streams the zip from the file to the server. */
    PayloadRow importZip(Path zip) throws IOException {
        JsonNode created = http.upload("POST", "/delivery/payloads", zip, "application/zip", Map.of());
        return PayloadRow.of(created);
    }

    JsonNode buildImage(PayloadRow p) {
        return http.send("POST", path(p) + "/image", null);
    }

    void delete(PayloadRow p) {
        http.send("DELETE", path(p), null);
    }

    List<DeploymentRow> deployments() {
        return DeliveryRows.array(http.get("/delivery/deployments")).stream().map(DeploymentRow::of).toList();
    }

    JsonNode deployment(String id) {
        return http.get("/delivery/deployments/" + segment(id));
    }

    JsonNode create(Map<String, Object> body) {
        return http.send("POST", "/delivery/deployments", body);
    }

    /** pause, resume, cancel or retry. */
    JsonNode act(String id, String verb) {
        return http.send("POST", "/delivery/deployments/" + segment(id) + "/" + verb, null);
    }

    JsonNode cancelVm(String id, String vmId) {
        return http.send("POST", vm(id, vmId) + "/cancel", null);
    }

    List<String> log(String id, String vmId, int from, int max) {
        JsonNode page = http.get(vm(id, vmId) + "/log?from=" + from + "&max=" + max);
        return DeliveryRows.array(page == null ? null : page.get("lines")).stream().map(JsonNode::asText).toList();
    }

    /** VM ids ({@code connection/uuid}) go as two path segments. */
    private static String vm(String id, String vmId) {
        int slash = vmId.indexOf('/');
        if (slash <= 0 || slash == vmId.length() - 1) {
            throw new IllegalArgumentException("a VM id is connection/uuid: " + vmId);
        }
        return "/delivery/deployments/" + segment(id) + "/vms/"
                + segment(vmId.substring(0, slash)) + "/" + segment(vmId.substring(slash + 1));
    }

    private static String path(PayloadRow p) {
        return "/delivery/payloads/" + segment(p.id()) + "/" + segment(p.version());
    }
}
