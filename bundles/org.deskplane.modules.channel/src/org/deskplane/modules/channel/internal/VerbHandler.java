package org.deskplane.modules.channel.internal;

import org.deskplane.channel.api.ChannelPeer;
import org.deskplane.channel.api.MessageHandler;
import org.deskplane.modules.api.ModuleHost;
import org.deskplane.modules.api.ModuleRequest;
import org.deskplane.modules.api.Requester;
import org.deskplane.modules.wire.ModuleAnswer;
import org.deskplane.modules.wire.ModuleRef;
import org.deskplane.modules.wire.ModuleWire;
import org.deskplane.modules.wire.WireException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The verbs about one module by exact version — {@code module.load}, {@code module.unload}, {@code module.register},
 * {@code module.unregister}, {@code module.replace} (the version is the new one): the host's request record is the
 * answer.
 */
@Component(service = MessageHandler.class, property = {
        MessageHandler.MESSAGE_TYPE + "=" + ModuleWire.LOAD, MessageHandler.MESSAGE_TYPE + "=" + ModuleWire.UNLOAD,
        MessageHandler.MESSAGE_TYPE + "=" + ModuleWire.REGISTER, MessageHandler.MESSAGE_TYPE + "=" + ModuleWire.UNREGISTER,
        MessageHandler.MESSAGE_TYPE + "=" + ModuleWire.REPLACE })
public final class VerbHandler extends ModuleRequestHandler {

    @Reference
    private ModuleBridge bridge;

    @Override
    ModuleAnswer answer(String type, byte[] body, ChannelPeer from) throws WireException, Refusal {
        ModuleRef ref = ModuleRef.read(body);
        ModuleHost host = bridge.host();
        Requester who = bridge.requester(from);
        ModuleRequest done = switch (type) {
            case ModuleWire.LOAD -> host.load(who, ref.symbolicName(), ref.version());
            case ModuleWire.UNLOAD -> host.unload(who, ref.symbolicName(), ref.version());
            case ModuleWire.REGISTER -> host.register(who, ref.symbolicName(), ref.version());
            case ModuleWire.UNREGISTER -> host.unregister(who, ref.symbolicName(), ref.version());
            case ModuleWire.REPLACE -> host.replace(who, ref.symbolicName(), ref.version());
            default -> throw new WireException("message type " + type);
        };
        return ModuleAnswer.of(done);
    }
}
