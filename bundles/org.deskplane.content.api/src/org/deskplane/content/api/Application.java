package org.deskplane.content.api;

/**
 * An application a user is entitled to, and the desktop that offers it.
 *
 * @param name        the application's name as the desktop's administrator wrote it
 * @param desktopId   the data source id of the desktop ({@code vm:<connection>:<uuid>})
 * @param desktopName the desktop's display name
 */
public record Application(String name, String desktopId, String desktopName) {
}
