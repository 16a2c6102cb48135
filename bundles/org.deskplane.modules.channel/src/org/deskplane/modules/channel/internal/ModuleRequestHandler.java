package org.deskplane.modules.channel.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.deskplane.channel.api.ChannelMessage;
import org.deskplane.channel.api.ChannelPeer;
import org.deskplane.channel.api.MessageHandler;
import org.deskplane.modules.api.ModuleException;
import org.deskplane.modules.api.ModuleStatus;
import org.deskplane.modules.wire.ModuleAnswer;
import org.deskplane.modules.wire.WireException;

/**
 * What the request handlers share: parse, resolve the requester, call the host, and turn every refusal into an
 * answer. The body is parsed before the VM is looked up, so garbage costs the host nothing.
 */
abstract class ModuleRequestHandler implements MessageHandler {

    @Override
    public final CompletionStage<byte[]> handle(ChannelMessage request, ChannelPeer from) {
        ModuleAnswer answer;
        try {
            answer = answer(request.messageType(), request.body(), from);
        } catch (WireException e) {
            answer = e.toAnswer();
        } catch (Refusal e) {
            answer = e.toAnswer();
        } catch (ModuleException e) {
            answer = ModuleAnswer.of(e);
        } catch (RuntimeException e) {
            // the host is another bundle: its failure must not look like ours, nor break the session
            answer = ModuleAnswer.of(ModuleStatus.FAILED, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return CompletableFuture.completedFuture(answer.toBoundedBytes());
    }

    abstract ModuleAnswer answer(String type, byte[] body, ChannelPeer from) throws WireException, Refusal;
}
