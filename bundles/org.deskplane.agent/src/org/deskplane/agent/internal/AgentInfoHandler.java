package org.deskplane.agent.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

import org.deskplane.channel.api.ChannelMessage;
import org.deskplane.channel.api.ChannelPeer;
import org.deskplane.channel.api.MessageHandler;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/** {@code agent.info}: JSON with the agent's version, Java, OS and its Deskplane bundles and their states. */
@Component(property = MessageHandler.MESSAGE_TYPE + "=agent.info")
public final class AgentInfoHandler implements MessageHandler {

    private BundleContext context;

    @Activate
    void activate(BundleContext context) {
        this.context = context;
    }

    @Override
    public CompletionStage<byte[]> handle(ChannelMessage request, ChannelPeer from) {
        String bundles = Arrays.stream(context.getBundles()).filter(b -> b.getSymbolicName() != null)
                .filter(b -> b.getSymbolicName().startsWith("org.deskplane."))
                .map(b -> "{\"symbolicName\":" + json(b.getSymbolicName()) + ",\"version\":" + json(b.getVersion().toString())
                        + ",\"state\":" + b.getState() + "}")
                .collect(Collectors.joining(","));
        String body = "{\"vmId\":" + json(from.vmId()) + ",\"agentVersion\":" + json(context.getBundle().getVersion().toString())
                + ",\"java\":" + json(System.getProperty("java.version")) + ",\"os\":"
                + json(System.getProperty("os.name") + " " + System.getProperty("os.version")) + ",\"bundles\":[" + bundles + "]}";
        return CompletableFuture.completedFuture(body.getBytes(StandardCharsets.UTF_8));
    }

    private static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
