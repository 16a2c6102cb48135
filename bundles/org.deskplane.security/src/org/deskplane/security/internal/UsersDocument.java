package org.deskplane.security.internal;

import java.util.List;

/** The whole of {@code users.json}; {@code version} lets a later format be told apart. */
public record UsersDocument(int version, List<StoredUser> users) {
    static final int CURRENT_VERSION = 1;
}
