package org.deskplane.client.internal;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.deskplane.client.ServerException;
import org.deskplane.hypervisor.api.ChannelInfo;
import org.deskplane.hypervisor.api.ConnectionStatus;
import org.deskplane.hypervisor.api.DiskInfo;
import org.deskplane.hypervisor.api.VmId;
import org.deskplane.hypervisor.api.VmInfo;
import org.deskplane.hypervisor.api.VmState;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads the hypervisor routes' JSON (the API records as the server's Jackson writes them) back into the API
 * records. Unknown fields are ignored, unknown enum values become UNKNOWN/DISCONNECTED rather than failing.
 */
final class HypervisorJson {

    private HypervisorJson() {
    }

    /** One element of {@code GET /hypervisor/connections}: {id, uri, state, since, lastError, hostName, hypervisor}. */
    static ConnectionStatus status(JsonNode node) {
        ConnectionStatus.State state;
        try {
            state = ConnectionStatus.State.valueOf(text(node, "state").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            state = ConnectionStatus.State.DISCONNECTED;
        }
        return new ConnectionStatus(state, instant(node.get("since")), nullable(node, "lastError"),
                nullable(node, "hostName"), nullable(node, "hypervisor"));
    }

    static VmInfo vm(JsonNode node) {
        if (node == null || !node.isObject() || !node.path("id").isObject()) {
            throw new ServerException(200, "Unexpected answer", "expected a VM",
                    "The server's answer is not a VM (no 'id')", null);
        }
        JsonNode id = node.get("id");
        VmState state;
        try {
            state = VmState.valueOf(text(node, "state").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            state = VmState.UNKNOWN;
        }
        List<DiskInfo> disks = new ArrayList<>();
        node.path("disks").forEach(disk -> disks.add(disk(disk)));
        List<ChannelInfo> channels = new ArrayList<>();
        node.path("channels").forEach(channel -> channels.add(new ChannelInfo(nullable(channel, "type"),
                nullable(channel, "name"), nullable(channel, "path"))));
        return new VmInfo(new VmId(text(id, "connectionId"), text(id, "uuid")), text(node, "name"), state,
                node.path("persistent").asBoolean(false), node.path("managedSaveImage").asBoolean(false),
                node.path("vcpus").asInt(0), node.path("memoryKiB").asLong(0), disks, channels,
                stringMap(node.get("metadata")));
    }

    static Map<String, String> stringMap(JsonNode node) {
        Map<String, String> map = new LinkedHashMap<>();
        if (node != null && node.isObject()) {
            node.fields().forEachRemaining(entry -> map.put(entry.getKey(), entry.getValue().asText()));
        }
        return map;
    }

    private static DiskInfo disk(JsonNode node) {
        List<DiskInfo.BackingImage> chain = new ArrayList<>();
        node.path("backingChain").forEach(image -> chain.add(new DiskInfo.BackingImage(nullable(image, "path"),
                nullable(image, "format"))));
        return new DiskInfo(text(node, "target"), text(node, "device"), nullable(node, "bus"),
                nullable(node, "path"), nullable(node, "format"), node.path("readOnly").asBoolean(false), chain);
    }

    private static Instant instant(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            // a server configured to write timestamps: seconds with a fraction
            return Instant.ofEpochMilli(Math.round(node.asDouble() * 1000));
        }
        try {
            return Instant.parse(node.asText());
        } catch (DateTimeParseException e) {
            return null; // the time a state began is informative only
        }
    }

    private static String text(JsonNode node, String field) {
        String value = nullable(node, field);
        return value == null ? "" : value;
    }

    private static String nullable(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
