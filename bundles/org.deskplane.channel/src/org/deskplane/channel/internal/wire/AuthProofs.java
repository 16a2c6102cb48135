package org.deskplane.channel.internal.wire;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The challenge–response proofs: HMAC-SHA256 with the per-VM secret over a role label, both nonces and
 * the VM id. Different labels for agent and host, so one side's proof can never be replayed as the other's.
 */
public final class AuthProofs {

    public static final int PROOF_BYTES = 32;
    private static final byte[] AGENT_LABEL = "deskplane-agent-v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HOST_LABEL = "deskplane-host-v1".getBytes(StandardCharsets.US_ASCII);

    private AuthProofs() {
    }

    public static byte[] agentProof(byte[] secret, byte[] hostNonce, byte[] agentNonce, String vmId) {
        return hmac(secret, AGENT_LABEL, hostNonce, agentNonce, vmId);
    }

    public static byte[] hostProof(byte[] secret, byte[] hostNonce, byte[] agentNonce, String vmId) {
        return hmac(secret, HOST_LABEL, hostNonce, agentNonce, vmId);
    }

    /** Constant-time comparison, so timing does not reveal how much of a proof was right. */
    public static boolean matches(byte[] expected, byte[] actual) {
        return MessageDigest.isEqual(expected, actual);
    }

    private static byte[] hmac(byte[] secret, byte[] label, byte[] hostNonce, byte[] agentNonce, String vmId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(label);
            mac.update(hostNonce);
            mac.update(agentNonce);
            mac.update(vmId.getBytes(StandardCharsets.UTF_8));
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
