package org.deskplane.content.ui.internal;

import java.util.List;

import org.deskplane.content.api.ContentEntry;

/**
 * A row of the Content tree: an entry of one source, and for folders the children once they were listed.
 * Children are read lazily, when the folder is first expanded; until then a {@link Loading} row stands in.
 */
final class FolderNode {

    /** The placeholder row of a folder whose listing is on its way (or failed). */
    record Loading(FolderNode folder, String text) {
    }

    private final String sourceId;
    private final ContentEntry entry;
    private volatile List<FolderNode> children;
    private volatile boolean requested;

    FolderNode(String sourceId, ContentEntry entry) {
        this.sourceId = sourceId;
        this.entry = entry;
    }

    String sourceId() {
        return sourceId;
    }

    ContentEntry entry() {
        return entry;
    }

    /** Null while not listed yet. */
    List<FolderNode> children() {
        return children;
    }

    void children(List<FolderNode> listed) {
        this.children = List.copyOf(listed);
    }

    /** True the first time only: the caller then starts the listing. */
    boolean request() {
        if (requested) {
            return false;
        }
        requested = true;
        return true;
    }

    /** After a failed listing, so that expanding the folder again tries again. */
    void forget() {
        requested = false;
        children = null;
    }
}
