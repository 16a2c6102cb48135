package org.deskplane.security.api;

/** Roles, strongest first. A role includes the rights of every weaker role. */
public enum Role {
    ADMIN, OPERATOR, USER;

    /** True when this role grants at least what {@code required} grants. */
    public boolean includes(Role required) {
        return ordinal() <= required.ordinal();
    }
}
