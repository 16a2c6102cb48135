package org.deskplane.modules.api;

/** What a requester may ask of the module host; policy rules allow verbs one by one. */
public enum Verb {
    QUERY, UPLOAD, LOAD, REGISTER, REPLACE, UNLOAD, UNREGISTER, CONFIGURE, STATUS,
    /** Calling a channel verb that a protocol module added. */
    CALL
}
