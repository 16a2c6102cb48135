package org.deskplane.security.rest.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Body of {@code PUT /users/{name}/password}. Users changing their own password must give the current one;
 * an administrator setting someone else's does not.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PasswordChangeRequest(String currentPassword, String newPassword) {

    @Override
    public String toString() {
        return "PasswordChangeRequest[***]";
    }
}
