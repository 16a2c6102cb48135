package org.deskplane.layers.server.internal;

import java.util.TreeMap;

import org.deskplane.layers.api.Binding;
import org.deskplane.layers.api.EndpointStatus;

/** Everything the sync service keeps across restarts, written as one JSON document. */
final class SyncState {
    /** By endpoint id: an endpoint belongs to one CVD only. */
    public TreeMap<String, Binding> bindings = new TreeMap<>();
    /** By CVD id. */
    public TreeMap<String, ReferenceOs> references = new TreeMap<>();
    /** By CVD id. */
    public TreeMap<String, MasterRecord> masters = new TreeMap<>();
    /** By endpoint id: the last report, kept. */
    public TreeMap<String, EndpointStatus> statuses = new TreeMap<>();
}
