package org.deskplane.channel.api.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.deskplane.channel.api.AgentInfo;
import org.deskplane.channel.api.AgentInfo.BundleRef;
import org.deskplane.channel.api.ChannelMessage;
import org.deskplane.channel.api.ChannelPeer;
import org.deskplane.channel.api.ChannelStream;
import org.deskplane.channel.api.MessageHandler;
import org.deskplane.channel.api.StreamHandler;
import org.junit.jupiter.api.Test;

class ChannelContractTest {

    @Test
    void whiteboardServicePropertyNames() {
        // handler bundles register with these names; the channel's trackers filter on them
        assertEquals("deskplane.channel.message.type", MessageHandler.MESSAGE_TYPE);
        assertEquals("deskplane.channel.stream.type", StreamHandler.STREAM_TYPE);
    }

    @Test
    void channelMessageHoldsTypeRequestIdAndBody() {
        byte[] body = "{\"path\":\"/etc/hostname\"}".getBytes(StandardCharsets.UTF_8);
        ChannelMessage message = new ChannelMessage("file.read", 4711L, body);
        assertEquals("file.read", message.messageType());
        assertEquals(4711L, message.requestId());
        assertArrayEquals(body, message.body());
        assertEquals(0L, new ChannelMessage("vm.event", 0L, new byte[0]).requestId());
    }

    @Test
    void agentInfoHoldsWhatTheAgentStated() {
        List<BundleRef> bundles = new ArrayList<>(List.of(new BundleRef("org.deskplane.agent", "0.1.0.202401011200"),
                new BundleRef("org.deskplane.channel", "0.1.0.202401011200")));
        AgentInfo info = new AgentInfo("desk-01", "0.1.0.202401011200", 1, bundles);
        bundles.clear();
        assertEquals("desk-01", info.vmId());
        assertEquals("0.1.0.202401011200", info.agentVersion());
        assertEquals(1, info.protocolVersion());
        assertEquals(List.of(new BundleRef("org.deskplane.agent", "0.1.0.202401011200"),
                new BundleRef("org.deskplane.channel", "0.1.0.202401011200")), info.bundles());
        assertEquals("org.deskplane.agent", info.bundles().get(0).symbolicName());
        assertEquals("0.1.0.202401011200", info.bundles().get(0).version());
        assertThrows(UnsupportedOperationException.class, () -> info.bundles().add(new BundleRef("x", "1")));
    }

    @Test
    void agentInfoNeedsABundleList() {
        assertThrows(NullPointerException.class, () -> new AgentInfo("desk-01", "0.1.0", 1, null));
    }

    @Test
    void requestWithoutTimeoutWaitsThirtySeconds() {
        RecordingPeer peer = new RecordingPeer();
        byte[] body = {1, 2, 3};
        CompletionStage<byte[]> answer = peer.request("echo", body);
        assertSame(RecordingPeer.ANSWER, answer);
        assertEquals("echo", peer.messageType);
        assertSame(body, peer.body);
        assertEquals(Duration.ofSeconds(30), peer.timeout);
    }

    /** Records what the default method passes on; everything else is unused here. */
    private static final class RecordingPeer implements ChannelPeer {
        static final CompletionStage<byte[]> ANSWER = CompletableFuture.completedFuture(new byte[0]);
        String messageType;
        byte[] body;
        Duration timeout;

        @Override
        public CompletionStage<byte[]> request(String type, byte[] requestBody, Duration requestTimeout) {
            this.messageType = type;
            this.body = requestBody;
            this.timeout = requestTimeout;
            return ANSWER;
        }

        @Override
        public String vmId() {
            return "desk-01";
        }

        @Override
        public boolean isConnected() {
            return false;
        }

        @Override
        public Optional<AgentInfo> agentInfo() {
            return Optional.empty();
        }

        @Override
        public void publish(String type, byte[] eventBody) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ChannelStream openStream(String streamType) {
            throw new UnsupportedOperationException();
        }
    }
}
