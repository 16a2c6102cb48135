package org.deskplane.security.api;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The user directory. Passwords are stored only as salted, slow hashes. The first start of a server
 * creates an {@code admin} user with a random password that is shown once.
 */
@ProviderType
public interface UserService {

    List<UserAccount> list();

    Optional<UserAccount> find(String username);

    /** @throws IllegalArgumentException when the name is taken or invalid, or the password too weak */
    UserAccount create(String username, char[] password, Role role);

    void setPassword(String username, char[] newPassword);

    void setRole(String username, Role role);

    void delete(String username);

    /** Checks a password in constant time with respect to its content; false for unknown users. */
    boolean verifyPassword(String username, char[] password);
}
