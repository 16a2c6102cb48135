package org.deskplane.modules.api;

import java.time.Instant;

/**
 * One request made to the module host, kept in its history (the guest asks for it by id; the administrator lists
 * them).
 *
 * @param id        unique, increasing
 * @param time      when it was made
 * @param requester who asked
 * @param verb      what was asked
 * @param target    what it was about: "name/version", "name [range]", "pid:key", …
 * @param status    how it ended
 * @param message   details for humans
 * @param restartRequired the module asked for the VM (or host) to be restarted for the change to apply
 */
public record ModuleRequest(long id, Instant time, Requester requester, Verb verb, String target,
        ModuleStatus status, String message, boolean restartRequired) {
}
