package org.deskplane.delivery.agent.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

import org.deskplane.delivery.api.PayloadManifest;

/** Resolves payload-relative paths so that neither {@code ..} nor a symbolic link leads outside the payload. */
final class PayloadPaths {

    private PayloadPaths() {
    }

    /** {@code root/relative}, checked: plain relative path, and its existing parents really below {@code root}. */
    static Path inside(Path root, String relative) throws IOException {
        try {
            PayloadManifest.checkRelative(relative);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage());
        }
        Path realRoot = root.toRealPath();
        Path p = realRoot.resolve(relative).normalize();
        Path parent = p.getParent();
        if (!p.startsWith(realRoot) || parent == null) {
            throw new IOException("path leads outside the payload: " + relative);
        }
        // the deepest existing parent decides: a link among the parents could point anywhere
        Path existing = parent;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null || !existing.toRealPath().startsWith(realRoot)) {
            throw new IOException("path leads outside the payload: " + relative);
        }
        return p;
    }
}
