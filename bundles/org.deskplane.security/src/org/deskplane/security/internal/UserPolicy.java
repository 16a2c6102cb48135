package org.deskplane.security.internal;

import java.util.regex.Pattern;

/** What a user name and a password must look like; the messages go to clients as they are. */
final class UserPolicy {

    static final int MIN_PASSWORD_LENGTH = 10;
    static final int MAX_PASSWORD_LENGTH = 1024;
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9._-]{1,64}");

    private UserPolicy() {
    }

    static boolean isValidUsername(String username) {
        return username != null && USERNAME.matcher(username).matches();
    }

    static void checkUsername(String username) {
        if (!isValidUsername(username)) {
            throw new IllegalArgumentException(
                    "invalid user name: use 1 to 64 characters of lowercase letters, digits, '.', '_' and '-'");
        }
    }

    static void checkPassword(char[] password) {
        if (password == null || password.length < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException(
                    "password too short: it needs at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (password.length > MAX_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("password too long: at most " + MAX_PASSWORD_LENGTH + " characters");
        }
    }
}
