package org.deskplane.content.share.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

import org.deskplane.content.api.ContentException;
import org.deskplane.content.api.ContentLocation;
import org.deskplane.content.api.ContentSource;
import org.deskplane.content.api.ContentView;
import org.osgi.service.component.annotations.Component;

/** Opens {@link ShareView}s on the {@code root} of a share location. */
@Component(property = ContentSource.BACKEND_PROPERTY + "=share")
public final class ShareContentSource implements ContentSource {

    @Override
    public ContentView open(ContentLocation location) throws IOException {
        Path root = Path.of(location.require("root"));
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(root)) {
            throw new ContentException(ContentException.Reason.UNAVAILABLE, "share " + location.sourceId()
                    + ": its directory " + root + " is not there");
        }
        return new ShareView(root.toRealPath(), Boolean.parseBoolean(location.attributes().getOrDefault("writable", "false")));
    }
}
