package org.deskplane.content.agent.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;

import org.deskplane.channel.api.MessageHandler;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code content.read} {"v":1,"path","position","length"} → the binary data answer (marker 0, version, etag, file
 * size, bytes; none at or past the end). At most {@value ContentWire#MAX_READ} bytes per request; the file is
 * opened without following a link, and per request, so the agent holds nothing open between them.
 */
@Component(service = MessageHandler.class, property = MessageHandler.MESSAGE_TYPE + "=content.read")
public final class ReadHandler extends ContentHandler {

    @Reference
    private GuestRoots roots;

    @Override
    byte[] answer(Map<String, Object> request) throws GuestError, IOException {
        GuestRoots.Located at = roots.locate(RequestJson.string(request, "path"));
        long position = RequestJson.number(request, "position", 0);
        long length = RequestJson.number(request, "length", -1);
        if (position < 0 || length < 1 || length > ContentWire.MAX_READ) {
            throw new GuestError(GuestError.INVALID, "position must be >= 0 and length within 1.." + ContentWire.MAX_READ);
        }
        if (at.virtualRoot()) {
            throw new GuestError(GuestError.WRONG_TYPE, "/ is not a file");
        }
        BasicFileAttributes a = GuestEntries.attributes(at.path(), at.file());
        if (!a.isRegularFile()) {
            throw new GuestError(GuestError.WRONG_TYPE, at.path() + " is not a regular file");
        }
        try (FileChannel channel = FileChannel.open(at.file(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            // the etag comes from the attributes of the file actually opened, so it names the bytes sent
            BasicFileAttributes opened = GuestEntries.attributes(at.path(), at.file());
            long size = channel.size();
            int wanted = (int) Math.max(0, Math.min(length, size - position));
            byte[] bytes = new byte[wanted];
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, position + buffer.position()) < 0) {
                    break; // shrank while reading: send what there is
                }
            }
            return ContentWire.data(GuestEntries.etag(at.file(), opened), size, bytes, buffer.position());
        }
    }
}
