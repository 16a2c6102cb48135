package org.deskplane.layers.ui.internal;

import static org.deskplane.client.ServerRest.segment;

import java.util.List;
import java.util.Map;

import org.deskplane.client.ServerConnection;
import org.deskplane.client.ServerRest;
import org.deskplane.layers.ui.internal.LayersRows.CvdRow;
import org.deskplane.layers.ui.internal.LayersRows.VersionRow;
import org.deskplane.workbench.platform.ui.support.ServiceClient;

import com.fasterxml.jackson.databind.JsonNode;

/** The server's {@code /api/layers} routes the part needs, as calls. Blocking: never on the UI thread. */
final class LayersClient {

    static final String NOT_CONNECTED = "Not connected: log in to a Deskplane server that has the desktop images feature.";

    private final ServerRest http;

    LayersClient(ServerConnection connection) {
        this.http = connection.rest();
    }

    /** The client of the server connection the workbench registered at login (CVDs live on the server only). */
    static ServiceClient<ServerConnection, LayersClient> watch(Runnable onChange) {
        return new ServiceClient<>(LayersClient.class, ServerConnection.class, LayersClient::new, onChange);
    }

    List<CvdRow> cvds() {
        return LayersRows.array(http.get("/layers/cvds")).stream().map(CvdRow::of).toList();
    }

    /** {cvd, master, bindings, statuses}. */
    JsonNode detail(String cvd) {
        return http.get(path(cvd));
    }

    List<VersionRow> versions(String cvd) {
        return LayersRows.array(http.get(path(cvd) + "/versions")).stream().map(VersionRow::of).toList();
    }

    JsonNode diff(String cvd, long from, long to) {
        return http.get(path(cvd) + "/diff?from=" + from + "&to=" + to);
    }

    VersionRow restore(String cvd, long number, String note) {
        return VersionRow.of(http.send("POST", path(cvd) + "/versions/" + number + "/restore", Map.of("note", note)));
    }

    private static String path(String cvd) {
        return "/layers/cvds/" + segment(cvd);
    }
}
