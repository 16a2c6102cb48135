package org.deskplane.module.sysinfo.internal;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.deskplane.channel.api.ChannelMessage;
import org.deskplane.channel.api.ChannelPeer;
import org.deskplane.channel.api.MessageHandler;
import org.osgi.service.component.annotations.Component;

/**
 * {@value #VERB}: answers a guest with facts about the host and its own payload reversed, so the guest can tell
 * that the module (and not some other handler) answered its very request.
 */
@Component(property = MessageHandler.MESSAGE_TYPE + "=" + SysinfoHandler.VERB)
public final class SysinfoHandler implements MessageHandler {

    public static final String VERB = "sysinfo.host";
    /** The payload is echoed back: bounded so that a guest cannot make the host build a large answer. */
    static final int MAX_PAYLOAD_BYTES = 4096;

    @Override
    public CompletionStage<byte[]> handle(ChannelMessage request, ChannelPeer from) {
        byte[] body = request.body() == null ? new byte[0] : request.body();
        if (body.length > MAX_PAYLOAD_BYTES) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    VERB + " payload is " + body.length + " bytes, at most " + MAX_PAYLOAD_BYTES + " allowed"));
        }
        String payload = new String(body, StandardCharsets.UTF_8);
        HostFacts facts = HostFacts.read();
        String json = new JsonObject()
                .put("verb", VERB)
                .put("host", facts.hostName())
                .put("availableProcessors", facts.availableProcessors())
                .put("hostUptimeSeconds", facts.hostUptimeSeconds())
                .put("jvmUptimeMillis", facts.jvmUptimeMillis())
                .put("echoReversed", reverse(payload))
                .toString();
        return CompletableFuture.completedFuture(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Reverses by code point, so that characters outside the BMP stay whole. */
    static String reverse(String text) {
        int[] codePoints = text.codePoints().toArray();
        StringBuilder reversed = new StringBuilder(text.length());
        for (int i = codePoints.length - 1; i >= 0; i--) {
            reversed.appendCodePoint(codePoints[i]);
        }
        return reversed.toString();
    }
}
