package org.deskplane.print.channel.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.deskplane.channel.api.ChannelMessage;
import org.deskplane.channel.api.ChannelPeer;
import org.deskplane.channel.api.MessageHandler;
import org.deskplane.print.api.PrintException;
import org.deskplane.print.wire.Answer;
import org.deskplane.print.wire.WireException;
import org.deskplane.print.wire.WireReader;

/** What the request handlers share: parse, resolve the context, and turn every refusal into an error answer. */
abstract class PrintRequestHandler implements MessageHandler {

    @Override
    public final CompletionStage<byte[]> handle(ChannelMessage request, ChannelPeer from) {
        byte[] answer;
        try {
            answer = answer(WireReader.of(request.body()), from);
        } catch (WireException e) {
            answer = Answer.error(e.code(), e.getMessage());
        } catch (PrintBridge.Refusal e) {
            answer = Answer.error(e.code, e.getMessage());
        } catch (PrintException e) {
            answer = Answer.error(PrintBridge.Refusal.of(e).code, e.getMessage());
        } catch (RuntimeException e) {
            // the router is another bundle: its failure must not look like ours, nor break the session
            answer = Answer.error("failed", String.valueOf(e.getMessage()));
        }
        return CompletableFuture.completedFuture(answer);
    }

    abstract byte[] answer(WireReader request, ChannelPeer from)
            throws WireException, PrintBridge.Refusal, PrintException;
}
