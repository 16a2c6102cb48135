package org.deskplane.security.rest.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Body of {@code POST /users}; the role by name (ADMIN, OPERATOR, USER). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NewUserRequest(String username, String password, String role) {

    @Override
    public String toString() {
        return "NewUserRequest[" + username + ", " + role + "]";
    }
}
