package org.deskplane.channel.internal.host;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;

import org.deskplane.channel.api.ChannelListener;
import org.deskplane.channel.api.ChannelPeer;
import org.deskplane.channel.api.HostChannel;
import org.deskplane.channel.api.MessageHandler;
import org.deskplane.channel.api.StreamHandler;
import org.deskplane.channel.internal.session.ChannelCore;
import org.deskplane.channel.internal.session.ChannelSettings;
import org.deskplane.channel.internal.session.HandlerRegistry;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The host channel service: all agents' sessions, secrets under {@code ${deskplane.data}/channel/secrets},
 * and the whiteboard of handlers and listeners (dynamic, greedy: handlers come and go while sessions run).
 */
@Component(service = { HostChannel.class, HostChannelComponent.class }, immediate = true,
        configurationPid = HostChannelComponent.PID)
@Designate(ocd = HostChannelComponent.Config.class)
public final class HostChannelComponent implements HostChannel {

    public static final String PID = "org.deskplane.channel.host";

    @ObjectClassDefinition(name = "Deskplane host channel")
    public @interface Config {
        @AttributeDefinition(description = "Largest frame payload this side accepts (bytes, at most 1 MiB)")
        int maxFrame() default 256 << 10;

        @AttributeDefinition(description = "Receive window per stream (bytes)")
        int streamWindow() default 1 << 20;

        @AttributeDefinition(description = "Heartbeat interval (ms); a session is dead after three without a frame")
        int heartbeatMillis() default 5_000;

        @AttributeDefinition(description = "Most requests and events queued per agent")
        int queueMaxCount() default 10_000;

        @AttributeDefinition(description = "Most bytes queued per agent")
        long queueMaxBytes() default 64L << 20;
    }

    private final HandlerRegistry handlers = new HandlerRegistry();
    private volatile HostEndpoint endpoint;

    @Activate
    void activate(BundleContext context, Config config) {
        ChannelSettings d = ChannelSettings.defaults();
        ChannelSettings settings = new ChannelSettings(config.maxFrame(), config.streamWindow(), d.maxStreams(),
                config.heartbeatMillis(), d.handshakeTimeoutMillis(), config.queueMaxCount(), config.queueMaxBytes(),
                d.controlMaxBytes(), d.streamWriteTimeoutMillis());
        endpoint = new HostEndpoint(new ChannelCore(settings, handlers), new SecretStore(secretsDir(context)));
    }

    static Path secretsDir(BundleContext context) {
        String data = context.getProperty("deskplane.data");
        Path base = data == null || data.isBlank() ? Path.of(System.getProperty("user.dir"), "data") : Path.of(data);
        return base.toAbsolutePath().resolve("channel").resolve("secrets");
    }

    @Deactivate
    void deactivate() {
        endpoint.close();
    }

    /** For the connector and listener components of this bundle. */
    HostEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public ChannelPeer agent(String vmId) {
        return endpoint.agent(vmId);
    }

    @Override
    public Collection<ChannelPeer> connectedAgents() {
        return endpoint.connectedAgents();
    }

    @Override
    public byte[] provisionSecret(String vmId) {
        return endpoint.provisionSecret(vmId);
    }

    @Override
    public boolean hasSecret(String vmId) {
        return endpoint.hasSecret(vmId);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addMessageHandler(MessageHandler handler, Map<String, Object> properties) {
        handlers.addMessageHandler(handler, properties);
    }

    void removeMessageHandler(MessageHandler handler) {
        handlers.removeMessageHandler(handler);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addStreamHandler(StreamHandler handler, Map<String, Object> properties) {
        handlers.addStreamHandler(handler, properties);
    }

    void removeStreamHandler(StreamHandler handler) {
        handlers.removeStreamHandler(handler);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addListener(ChannelListener listener) {
        handlers.addListener(listener);
    }

    void removeListener(ChannelListener listener) {
        handlers.removeListener(listener);
    }
}
