package org.deskplane.channel.api;

import java.util.List;

/** What an agent states about itself in the handshake. */
public record AgentInfo(String vmId, String agentVersion, int protocolVersion, List<BundleRef> bundles) {

    public AgentInfo {
        bundles = List.copyOf(bundles);
    }

    /** An installed agent bundle. */
    public record BundleRef(String symbolicName, String version) {
    }
}
