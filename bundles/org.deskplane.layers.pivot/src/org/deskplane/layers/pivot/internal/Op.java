package org.deskplane.layers.pivot.internal;

/**
 * One step of a pivot plan.
 *
 * @param kind what the step does
 * @param path relative path in the tree
 * @param existed whether something is at the path when the step runs (known at planning time); only such paths
 *                are backed up, so recovery can tell old content from new
 */
public record Op(Kind kind, String path, boolean existed) {

    public enum Kind {
        /** Move the existing path (file or whole directory) into the journal's backups. */
        DELETE,
        /** Create a directory the new tree has and the old one lacks. */
        MKDIR,
        /** Move the staged file or link into place, backing up what was there. */
        PUT
    }
}
