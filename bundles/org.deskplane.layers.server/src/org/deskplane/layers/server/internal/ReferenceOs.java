package org.deskplane.layers.server.internal;

/**
 * The OS a CVD's system layers were made on: that of the first endpoint bound to it (the CVD's reference endpoint).
 * Other endpoints' scopes are decided against it.
 */
record ReferenceOs(String endpointId, String family, String release, boolean virtualMachine) {
}
