package org.deskplane.vmdiff.ui.internal;

import static org.deskplane.client.ServerRest.segment;

import java.util.List;
import java.util.Map;

import org.deskplane.client.ServerConnection;
import org.deskplane.client.ServerRest;
import org.deskplane.vmdiff.ui.internal.VmdiffRows.BaseRow;
import org.deskplane.vmdiff.ui.internal.VmdiffRows.OperationRow;
import org.deskplane.vmdiff.ui.internal.VmdiffRows.VmRow;
import org.deskplane.workbench.platform.ui.support.ServiceClient;

import com.fasterxml.jackson.databind.JsonNode;

/** The server's {@code /api/vmdiff} routes the part needs, as calls. Blocking: never on the UI thread. */
final class VmdiffClient {

    static final String NOT_CONNECTED = "Not connected: log in to a Deskplane server that has the VM differences feature.";

    private final ServerRest http;

    VmdiffClient(ServerConnection connection) {
        this.http = connection.rest();
    }

    /** The client of the server connection the workbench registered at login (the copies live on the server). */
    static ServiceClient<ServerConnection, VmdiffClient> watch(Runnable onChange) {
        return new ServiceClient<>(VmdiffClient.class, ServerConnection.class, VmdiffClient::new, onChange);
    }

    List<BaseRow> bases() {
        return VmdiffRows.array(http.get("/vmdiff/bases")).stream().map(BaseRow::of).toList();
    }

    List<VmRow> vms() {
        return VmdiffRows.array(http.get("/vmdiff/vms")).stream().map(VmRow::of).toList();
    }

    List<String> hosts() {
        return VmdiffRows.array(http.get("/vmdiff/hosts")).stream().map(h -> VmdiffRows.text(h, "host")).toList();
    }

    List<OperationRow> operations() {
        return VmdiffRows.array(http.get("/vmdiff/operations")).stream().map(OperationRow::of).toList();
    }

    /** suspend, shutdown, release (host null), resume or move (to {@code host}): the operation it started. */
    OperationRow act(String vm, String verb, String host) {
        JsonNode started = http.send("POST", "/vmdiff/vms/" + segment(vm) + "/" + verb,
                host == null ? null : Map.of("host", host));
        return OperationRow.of(started);
    }
}
