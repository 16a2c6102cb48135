package org.deskplane.modules.agent.api;

import java.io.InputStream;
import java.nio.file.Path;

import org.deskplane.channel.api.ChannelException;
import org.deskplane.modules.wire.ModuleAnswer;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The host's module verbs from inside a guest. Every method returns the host's answer — status name, message and
 * payload — and does not throw for a refusal: when the host cannot be asked (not connected, no answer, no module
 * service) the answer's status is {@link org.deskplane.modules.wire.ModuleWire#UNAVAILABLE}. Who asks is decided by the
 * host from the VM's identity on the channel; nothing here can claim another user or image.
 */
@ProviderType
public interface ModuleRequester {

    /** Whether the channel to the host is up right now. */
    boolean connected();

    /** @param versionRange an OSGi range, a bare version ("at least"), or "" for any */
    ModuleAnswer query(String symbolicName, String versionRange);

    /** Uploads a jar: computes its size and SHA-256, then streams it; the answer carries the stored module. */
    ModuleAnswer upload(Path jar);

    /** Uploads exactly {@code size} bytes read from {@code jar}, whose SHA-256 (hex) the caller states. */
    ModuleAnswer upload(InputStream jar, long size, String sha256);

    ModuleAnswer load(String symbolicName, String version);

    ModuleAnswer unload(String symbolicName, String version);

    /** Registers a stored module for this VM's image: loaded before the VM starts, every time. */
    ModuleAnswer register(String symbolicName, String version);

    ModuleAnswer unregister(String symbolicName, String version);

    /** Replaces the loaded version(s) of a module by {@code newVersion}. */
    ModuleAnswer replace(String symbolicName, String newVersion);

    /** Sets a configuration property the administrator whitelisted ("" clears it). */
    ModuleAnswer configure(String pid, String key, String value);

    /** A past request of this VM by the id an earlier answer carried. */
    ModuleAnswer status(long requestId);

    /**
     * Sends a request of a verb a protocol module added (its channel message type) and returns the module's answer
     * as it is.
     *
     * @throws ChannelException with the channel's code: {@code no-handler} when no module offers the verb,
     *         {@code handler-failed}, {@code timeout}, {@code not-connected}
     */
    byte[] call(String messageType, byte[] body) throws ChannelException;
}
