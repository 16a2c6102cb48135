package org.deskplane.modules.channel.internal;

import org.deskplane.channel.api.ChannelPeer;
import org.deskplane.channel.api.MessageHandler;
import org.deskplane.modules.api.ModuleStatus;
import org.deskplane.modules.wire.ModuleAnswer;
import org.deskplane.modules.wire.ModuleWire;
import org.deskplane.modules.wire.StatusMessage;
import org.deskplane.modules.wire.WireException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code module.status}: a past request of this VM by id. The answer's status is that request's outcome; a request
 * the VM may not see is answered exactly like one that does not exist.
 */
@Component(service = MessageHandler.class, property = MessageHandler.MESSAGE_TYPE + "=" + ModuleWire.STATUS)
public final class StatusHandler extends ModuleRequestHandler {

    @Reference
    private ModuleBridge bridge;

    @Override
    ModuleAnswer answer(String type, byte[] body, ChannelPeer from) throws WireException, Refusal {
        StatusMessage s = StatusMessage.read(body);
        return bridge.host().request(bridge.requester(from), s.requestId()).map(ModuleAnswer::of)
                .orElseGet(() -> ModuleAnswer.of(ModuleStatus.NOT_FOUND, "no request " + s.requestId() + " of this VM"));
    }
}
