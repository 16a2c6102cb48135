package org.deskplane.modules.agent.internal;

import java.io.InputStream;
import java.nio.file.Path;

import org.deskplane.channel.api.ChannelException;
import org.deskplane.channel.api.ChannelPeer;
import org.deskplane.modules.agent.api.ModuleRequester;
import org.deskplane.modules.wire.ModuleAnswer;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The {@link ModuleRequester} service of the agent. The host's channel peer is optional and dynamic: while it is
 * away every verb answers UNAVAILABLE instead of the service disappearing under its users.
 */
@Component(service = ModuleRequester.class)
public final class ModuleRequesterComponent implements ModuleRequester {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = "(deskplane.channel.peer=host)")
    private volatile ChannelPeer hostPeer;

    private final HostModules modules = new HostModules(() -> hostPeer);

    @Override
    public boolean connected() {
        return modules.connected();
    }

    @Override
    public ModuleAnswer query(String symbolicName, String versionRange) {
        return modules.query(symbolicName, versionRange);
    }

    @Override
    public ModuleAnswer upload(Path jar) {
        return modules.upload(jar);
    }

    @Override
    public ModuleAnswer upload(InputStream jar, long size, String sha256) {
        return modules.upload(jar, size, sha256);
    }

    @Override
    public ModuleAnswer load(String symbolicName, String version) {
        return modules.load(symbolicName, version);
    }

    @Override
    public ModuleAnswer unload(String symbolicName, String version) {
        return modules.unload(symbolicName, version);
    }

    @Override
    public ModuleAnswer register(String symbolicName, String version) {
        return modules.register(symbolicName, version);
    }

    @Override
    public ModuleAnswer unregister(String symbolicName, String version) {
        return modules.unregister(symbolicName, version);
    }

    @Override
    public ModuleAnswer replace(String symbolicName, String newVersion) {
        return modules.replace(symbolicName, newVersion);
    }

    @Override
    public ModuleAnswer configure(String pid, String key, String value) {
        return modules.configure(pid, key, value);
    }

    @Override
    public ModuleAnswer status(long requestId) {
        return modules.status(requestId);
    }

    @Override
    public byte[] call(String messageType, byte[] body) throws ChannelException {
        return modules.call(messageType, body);
    }
}
