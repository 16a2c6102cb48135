package org.deskplane.content.agent.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.deskplane.channel.api.ChannelMessage;
import org.deskplane.channel.api.ChannelPeer;
import org.deskplane.channel.api.MessageHandler;

/**
 * What the three content handlers share: parse the request, check its version, and turn every refusal into a JSON
 * error answer (so the host learns the reason, not just "handler-failed").
 */
abstract class ContentHandler implements MessageHandler {

    @Override
    public final CompletionStage<byte[]> handle(ChannelMessage request, ChannelPeer from) {
        byte[] answer;
        try {
            Map<String, Object> fields = RequestJson.parse(request.body());
            RequestJson.checkVersion(fields);
            answer = answer(fields);
        } catch (GuestError e) {
            answer = error(e.reason(), e.getMessage());
        } catch (NoSuchFileException e) {
            answer = error(GuestError.NOT_FOUND, "no such file or directory");
        } catch (NotDirectoryException e) {
            answer = error(GuestError.WRONG_TYPE, "not a directory");
        } catch (AccessDeniedException e) {
            answer = error(GuestError.DENIED, "the agent may not read it");
        } catch (IOException e) {
            answer = error(GuestError.UNREADABLE, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        return CompletableFuture.completedFuture(answer);
    }

    abstract byte[] answer(Map<String, Object> request) throws GuestError, IOException;

    static byte[] utf8(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] error(String reason, String message) {
        return utf8(ContentWire.error(reason, message));
    }
}
