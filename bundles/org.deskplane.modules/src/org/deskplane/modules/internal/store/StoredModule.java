package org.deskplane.modules.internal.store;

import java.time.Instant;

import org.deskplane.modules.api.ModuleInfo;
import org.deskplane.modules.api.ModuleState;

/** What the store keeps next to each jar (as JSON): the module's identity, digest, signer and state. */
public record StoredModule(String symbolicName, String version, String sha256, long size, String signer,
        String signerSha256, ModuleState state, String message, Instant storedAt) {

    public ModuleInfo info() {
        return new ModuleInfo(symbolicName, version, sha256, size, signer, signerSha256, state,
                message == null ? "" : message, storedAt);
    }

    public StoredModule withState(ModuleState newState, String newMessage) {
        return new StoredModule(symbolicName, version, sha256, size, signer, signerSha256, newState,
                newMessage == null ? "" : newMessage, storedAt);
    }

    public String id() {
        return symbolicName + "/" + version;
    }

    /** Where the runtime installs it from: stable per module version, so a restarted host finds it again. */
    public String location() {
        return "deskplane-module:" + id();
    }
}
