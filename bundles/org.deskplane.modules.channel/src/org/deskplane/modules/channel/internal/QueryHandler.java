package org.deskplane.modules.channel.internal;

import org.deskplane.channel.api.ChannelPeer;
import org.deskplane.channel.api.MessageHandler;
import org.deskplane.modules.wire.ModuleAnswer;
import org.deskplane.modules.wire.ModuleWire;
import org.deskplane.modules.wire.QueryMessage;
import org.deskplane.modules.wire.WireException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code module.query}: is the module present in a version of the range? */
@Component(service = MessageHandler.class, property = MessageHandler.MESSAGE_TYPE + "=" + ModuleWire.QUERY)
public final class QueryHandler extends ModuleRequestHandler {

    @Reference
    private ModuleBridge bridge;

    @Override
    ModuleAnswer answer(String type, byte[] body, ChannelPeer from) throws WireException, Refusal {
        QueryMessage q = QueryMessage.read(body);
        return ModuleAnswer.of(bridge.host().query(bridge.requester(from), q.symbolicName(), q.versionRange()));
    }
}
