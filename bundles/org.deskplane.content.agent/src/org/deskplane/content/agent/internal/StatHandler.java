package org.deskplane.content.agent.internal;

import java.io.IOException;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;

import org.deskplane.channel.api.MessageHandler;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code content.stat} {"v":1,"path"} → {"v":1,"entry":{…}}. */
@Component(service = MessageHandler.class, property = MessageHandler.MESSAGE_TYPE + "=content.stat")
public final class StatHandler extends ContentHandler {

    @Reference
    private GuestRoots roots;

    @Override
    byte[] answer(Map<String, Object> request) throws GuestError, IOException {
        GuestRoots.Located at = roots.locate(RequestJson.string(request, "path"));
        String entry;
        if (at.virtualRoot()) {
            entry = GuestEntries.virtualRoot(roots.roots());
        } else {
            BasicFileAttributes a = GuestEntries.attributes(at.path(), at.file());
            entry = GuestEntries.json(at.name(), at.file(), a);
        }
        return utf8("{\"v\":" + ContentWire.VERSION + ",\"entry\":" + entry + "}");
    }
}
