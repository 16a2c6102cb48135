package org.deskplane.modules.api;

import java.time.Instant;

/**
 * A module registered for a VM image: loaded before that VM starts, every time.
 *
 * @param image         the VM image (see {@link Requester#image()})
 * @param symbolicName  module
 * @param version       exact version
 * @param registeredBy  who registered it
 * @param time          when
 */
public record Registration(String image, String symbolicName, String version, String registeredBy, Instant time) {
}
