package org.deskplane.modules.channel.internal;

import org.deskplane.channel.api.ChannelPeer;
import org.deskplane.channel.api.MessageHandler;
import org.deskplane.modules.wire.ConfigureMessage;
import org.deskplane.modules.wire.ModuleAnswer;
import org.deskplane.modules.wire.ModuleWire;
import org.deskplane.modules.wire.WireException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code module.configure}: one whitelisted configuration property (the host checks the whitelist). */
@Component(service = MessageHandler.class, property = MessageHandler.MESSAGE_TYPE + "=" + ModuleWire.CONFIGURE)
public final class ConfigureHandler extends ModuleRequestHandler {

    @Reference
    private ModuleBridge bridge;

    @Override
    ModuleAnswer answer(String type, byte[] body, ChannelPeer from) throws WireException, Refusal {
        ConfigureMessage c = ConfigureMessage.read(body);
        return ModuleAnswer.of(bridge.host().configure(bridge.requester(from), c.pid(), c.key(), c.value()));
    }
}
