package org.deskplane.delivery.ui.internal;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.deskplane.client.ServerConnection;
import org.deskplane.delivery.ui.internal.DeliveryRows.DeploymentRow;
import org.deskplane.delivery.ui.internal.DeliveryRows.PayloadRow;

import com.fasterxml.jackson.databind.JsonNode;

/** The server's {@code /api/delivery} routes as calls. Blocking: never on the UI thread. */
final class DeliveryClient {

    private final DeliveryHttp http;

    DeliveryClient(ServerConnection connection) {
        this.http = new DeliveryHttp(connection);
    }

    void shutdown() {
        http.shutdown();
    }

    List<PayloadRow> payloads() {
        return DeliveryRows.array(http.get("/delivery/payloads")).stream().map(PayloadRow::of).toList();
    }

    JsonNode payload(PayloadRow p) {
        return http.get(path(p));
    }

    /** Streams the zip from the file to the server. */
    PayloadRow importZip(Path zip) throws IOException {
        JsonNode created = http.send("POST", "/delivery/payloads", HttpRequest.BodyPublishers.ofFile(zip),
                "application/zip", Map.of());
        return PayloadRow.of(created);
    }

    JsonNode buildImage(PayloadRow p) {
        return http.sendJson("POST", path(p) + "/image", null);
    }

    void delete(PayloadRow p) {
        http.sendJson("DELETE", path(p), null);
    }

    List<DeploymentRow> deployments() {
        return DeliveryRows.array(http.get("/delivery/deployments")).stream().map(DeploymentRow::of).toList();
    }

    JsonNode deployment(String id) {
        return http.get("/delivery/deployments/" + DeliveryHttp.segment(id));
    }

    JsonNode create(Map<String, Object> body) {
        return http.sendJson("POST", "/delivery/deployments", body);
    }

    /** pause, resume, cancel or retry. */
    JsonNode act(String id, String verb) {
        return http.sendJson("POST", "/delivery/deployments/" + DeliveryHttp.segment(id) + "/" + verb, null);
    }

    JsonNode cancelVm(String id, String vmId) {
        return http.sendJson("POST", vm(id, vmId) + "/cancel", null);
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
        return "/delivery/deployments/" + DeliveryHttp.segment(id) + "/vms/"
                + DeliveryHttp.segment(vmId.substring(0, slash)) + "/" + DeliveryHttp.segment(vmId.substring(slash + 1));
    }

    private static String path(PayloadRow p) {
        return "/delivery/payloads/" + DeliveryHttp.segment(p.id()) + "/" + DeliveryHttp.segment(p.version());
    }
}
