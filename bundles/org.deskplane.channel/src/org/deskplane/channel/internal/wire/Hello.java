package org.deskplane.channel.internal.wire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.deskplane.channel.api.AgentInfo.BundleRef;
import org.deskplane.channel.api.ChannelException;

/** HELLO: the agent's opening frame (versions, proposals, nonce, identity, installed bundles). */
public record Hello(int minVersion, int maxVersion, int maxFrame, int streamWindow, byte[] nonce, String vmId,
        long instance, String agentVersion, List<BundleRef> bundles) {

    static final byte[] MAGIC = "DPCH".getBytes(StandardCharsets.US_ASCII);
    public static final int NONCE_BYTES = 32;

    public byte[] encode() {
        PayloadWriter w = new PayloadWriter().bytes(MAGIC).u16(minVersion).u16(maxVersion).u32(maxFrame)
                .u32(streamWindow).bytes(nonce).str(vmId).u64(instance).str(agentVersion).u16(bundles.size());
        for (BundleRef b : bundles) {
            w.str(b.symbolicName()).str(b.version());
        }
        return w.toByteArray();
    }

    public static Hello decode(byte[] payload) throws ProtocolException {
        PayloadReader r = new PayloadReader(payload);
        if (!Arrays.equals(r.bytes(4), MAGIC)) {
            throw new ProtocolException(ChannelException.PROTOCOL_ERROR, "not a Deskplane channel HELLO (bad magic)");
        }
        int min = r.u16();
        int max = r.u16();
        int maxFrame = r.u32();
        int window = r.u32();
        byte[] nonce = r.bytes(NONCE_BYTES);
        String vmId = r.str();
        long instance = r.u64();
        String version = r.str();
        int count = r.u16();
        List<BundleRef> bundles = new ArrayList<>(Math.min(count, 256));
        for (int i = 0; i < count; i++) {
            bundles.add(new BundleRef(r.str(), r.str()));
        }
        r.end();
        if (min > max) {
            throw new ProtocolException(ChannelException.PROTOCOL_ERROR, "HELLO version range " + min + ".." + max + " is empty");
        }
        return new Hello(min, max, maxFrame, window, nonce, vmId, instance, version, bundles);
    }
}
