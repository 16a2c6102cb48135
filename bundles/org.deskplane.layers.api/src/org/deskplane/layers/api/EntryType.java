package org.deskplane.layers.api;

/** What a manifest entry is. */
public enum EntryType {
    FILE, DIRECTORY, SYMLINK
}
