package org.deskplane.delivery.agent.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.deskplane.channel.api.ChannelPeer;
import org.deskplane.channel.api.ChannelStream;
import org.deskplane.channel.api.StreamHandler;
import org.deskplane.delivery.wire.DeliveryWire;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code delivery.copy}: one payload file from the host, answered with one line ({@link CopyReceiver}). */
@Component(service = StreamHandler.class, property = StreamHandler.STREAM_TYPE + "=" + DeliveryWire.COPY_STREAM)
public final class CopyStreamHandler implements StreamHandler {
    private static final Logger LOG = Logger.getLogger(CopyStreamHandler.class.getName());

    @Reference
    private DeliveryAgentComponent component;

    @Override
    public void accept(ChannelStream stream, ChannelPeer from) throws IOException {
        String answer;
        try {
            answer = component.agent().copies().receive(stream.input());
        } catch (IOException e) {
            // the stream broke (host gone, reset): the partial file is deleted already and nobody hears an answer
            LOG.log(Level.FINE, "delivery copy broke: " + e.getMessage());
            stream.close();
            return;
        }
        OutputStream out = stream.output();
        out.write((answer.replace('\n', ' ') + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        stream.close();
    }
}
