package org.deskplane.content.channel.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;

import org.deskplane.channel.api.HostChannel;
import org.deskplane.content.api.ContentException;
import org.deskplane.content.api.ContentException.Reason;
import org.deskplane.content.api.ContentLocation;
import org.deskplane.content.api.ContentSource;
import org.deskplane.content.api.ContentView;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Opens {@link AgentView}s on the agent of a running desktop: the location's {@code uuid}, lower-cased, is the
 * channel's VM id. The host channel may be swapped while this runs (dynamic reference): without one, or without a
 * connected agent, opening fails with UNAVAILABLE.
 */
@Component(property = ContentSource.BACKEND_PROPERTY + "=agent", configurationPid = AgentContentSource.PID)
@Designate(ocd = AgentContentSource.Config.class)
public final class AgentContentSource implements ContentSource {
    public static final String PID = "org.deskplane.content.channel";

    @ObjectClassDefinition(name = "Deskplane content through agents")
    public @interface Config {
        @AttributeDefinition(description = "How long to wait for the agent's answer to one request (ms)")
        int requestTimeoutMillis() default 30_000;

        @AttributeDefinition(description = "Bytes asked for per read request (at most 1 MiB; halved automatically "
                + "when the channel's frames are smaller)")
        int readChunkBytes() default 128 << 10;

        @AttributeDefinition(description = "Largest size of one listing page (bytes)")
        int listPageBytes() default 128 << 10;

        @AttributeDefinition(description = "Bytes of read chunks kept in memory, over all files")
        long cacheBytes() default 32L << 20;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile HostChannel channel;

    private Config config;
    private ChunkCache cache;

    @Activate
    void activate(Config config) {
        this.config = config;
        this.cache = new ChunkCache(Math.max(0, config.cacheBytes()));
    }

    @Override
    public ContentView open(ContentLocation location) throws IOException {
        HostChannel hostChannel = channel;
        if (hostChannel == null) {
            throw new ContentException(Reason.UNAVAILABLE, "the host channel is not running");
        }
        String vmId = location.require("uuid").toLowerCase(Locale.ROOT);
        AgentClient agent = new AgentClient(hostChannel.agent(vmId), Duration.ofMillis(Math.max(1, config.requestTimeoutMillis())));
        agent.requireConnected();
        int chunk = Math.clamp(config.readChunkBytes(), AgentReader.MIN_CHUNK, 1 << 20);
        int page = Math.clamp(config.listPageBytes(), AgentView.MIN_PAGE, 1 << 20);
        return new AgentView(agent, cache, chunk, page);
    }
}
