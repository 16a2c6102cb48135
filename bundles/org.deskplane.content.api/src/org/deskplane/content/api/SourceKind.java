package org.deskplane.content.api;

/** What a data source is to the user. */
public enum SourceKind {
    /** A virtual desktop (its system disk, or the agent inside it while it runs). */
    DESKTOP,
    /** One more disk of a desktop, holding the user's data. */
    DATA_DISK,
    /** A directory or network share mapped for the user. */
    SHARE
}
