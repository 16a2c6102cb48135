package org.deskplane.channel.internal.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.deskplane.channel.api.AgentInfo;
import org.deskplane.channel.api.AgentInfo.BundleRef;
import org.deskplane.channel.api.ChannelException;
import org.deskplane.channel.api.ChannelListener;
import org.deskplane.channel.api.ChannelPeer;
import org.deskplane.channel.api.ChannelStream;
import org.deskplane.channel.api.MessageHandler;
import org.deskplane.channel.api.StreamHandler;
import org.deskplane.channel.internal.host.SecretStore;
import org.deskplane.channel.internal.session.ChannelCore;
import org.deskplane.channel.internal.session.ChannelSettings;
import org.deskplane.channel.internal.session.HandlerRegistry;
import org.deskplane.channel.internal.transport.DeviceTransport;
import org.deskplane.channel.internal.transport.UnixSocketTransport;
import org.deskplane.channel.internal.transport.VirtioPortLocator;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The agent's channel inside a guest: registered as the {@link ChannelPeer} of the host (service property
 * {@code deskplane.channel.peer=host}); hosts the guest-side {@link MessageHandler} services. Runs only
 * when configured (the agent product configures it from its launcher options).
 */
@Component(configurationPid = AgentChannelComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = ChannelPeer.class, property = "deskplane.channel.peer=host", immediate = true)
@Designate(ocd = AgentChannelComponent.Config.class)
public final class AgentChannelComponent implements ChannelPeer {

    public static final String PID = "org.deskplane.channel.agent";

    @ObjectClassDefinition(name = "Deskplane agent channel")
    public @interface Config {
        @AttributeDefinition(description = "This VM's id, as the host knows it")
        String vmId();

        @AttributeDefinition(description = "File holding this VM's secret (base64, one line)")
        String keyFile() default "/etc/deskplane/agent.key";

        @AttributeDefinition(description = "Unix socket to connect to instead of the virtio-serial port (tests, endpoints)", required = false)
        String socketPath() default "";

        @AttributeDefinition(description = "Character device to open; empty: find the port by name")
        String devicePath() default "";

        @AttributeDefinition(description = "virtio-serial port name")
        String portName() default VirtioPortLocator.DEFAULT_PORT_NAME;

        @AttributeDefinition(description = "Version the agent states in its handshake; empty: this bundle's version")
        String agentVersion() default "";

        @AttributeDefinition(description = "Heartbeat interval proposal is the host's; this limits the handshake wait (ms)")
        int handshakeTimeoutMillis() default 10_000;
    }

    private final HandlerRegistry handlers = new HandlerRegistry();
    private AgentEndpoint endpoint;

    @Activate
    void activate(BundleContext context, Config config) throws IOException {
        byte[] secret = SecretStore.parse(Files.readString(Path.of(config.keyFile()), StandardCharsets.US_ASCII));
        String version = config.agentVersion().isBlank() ? context.getBundle().getVersion().toString() : config.agentVersion();
        ChannelSettings d = ChannelSettings.defaults();
        ChannelSettings settings = new ChannelSettings(d.maxFrame(), d.streamWindow(), d.maxStreams(), d.heartbeatMillis(),
                config.handshakeTimeoutMillis(), d.queueMaxCount(), d.queueMaxBytes(), d.controlMaxBytes(),
                d.streamWriteTimeoutMillis());
        AgentEndpoint.Connector connector;
        if (!config.socketPath().isBlank()) {
            Path socket = Path.of(config.socketPath());
            connector = () -> UnixSocketTransport.connect(socket);
        } else {
            connector = () -> new DeviceTransport(devicePath(config));
        }
        endpoint = new AgentEndpoint(new ChannelCore(settings, handlers), config.vmId(), secret, version,
                () -> agentBundles(context), connector).start();
        Arrays.fill(secret, (byte) 0);
    }

    private static Path devicePath(Config config) throws IOException {
        if (!config.devicePath().isBlank()) {
            return Path.of(config.devicePath());
        }
        return VirtioPortLocator.system().find(config.portName()).orElseThrow(
                () -> new IOException("virtio-serial port '" + config.portName() + "' not found (is virtio_console loaded?)"));
    }

    /** The Deskplane bundles installed in this agent (what the host may rely on being present). */
    static List<BundleRef> agentBundles(BundleContext context) {
        return Arrays.stream(context.getBundles()).filter(b -> b.getSymbolicName() != null)
                .filter(b -> b.getSymbolicName().startsWith("org.deskplane.") && b.getState() != Bundle.UNINSTALLED)
                .map(b -> new BundleRef(b.getSymbolicName(), b.getVersion().toString())).toList();
    }

    @Deactivate
    void deactivate() {
        endpoint.close();
    }

    @Override
    public String vmId() {
        return endpoint.host().vmId();
    }

    @Override
    public boolean isConnected() {
        return endpoint.host().isConnected();
    }

    @Override
    public Optional<AgentInfo> agentInfo() {
        return endpoint.host().agentInfo();
    }

    @Override
    public CompletionStage<byte[]> request(String messageType, byte[] body, Duration timeout) {
        return endpoint.host().request(messageType, body, timeout);
    }

    @Override
    public void publish(String messageType, byte[] body) throws ChannelException {
        endpoint.host().publish(messageType, body);
    }

    @Override
    public ChannelStream openStream(String streamType) throws ChannelException {
        return endpoint.host().openStream(streamType);
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
