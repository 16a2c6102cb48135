package org.deskplane.content.api;

/** What an entry is. */
public enum EntryType {
    FILE, DIRECTORY, SYMLINK, OTHER
}
