package org.deskplane.security.rest.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Body of {@code POST /auth/login}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LoginRequest(String username, String password) {

    /** Never the password: request bodies end up in debug output. */
    @Override
    public String toString() {
        return "LoginRequest[" + username + "]";
    }
}
