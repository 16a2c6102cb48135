package org.deskplane.security.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.deskplane.security.api.Role;
import org.deskplane.security.api.UserAccount;
import org.deskplane.security.api.UserService;

/**
 * The user directory over a {@link UserFile}. Every change is written before it is visible; a change that
 * cannot be written is undone and reported. Password hashing runs outside the lock: it is slow on purpose.
 */
final class UserDirectory implements UserService {

    private static final System.Logger LOG = System.getLogger(UserDirectory.class.getName());

    private final UserFile file;
    private final PasswordHasher hasher;
    private final Clock clock;
    private final boolean existedAtOpen;
    private final Map<String, StoredUser> users = new TreeMap<>();

    private UserDirectory(UserFile file, PasswordHasher hasher, Clock clock, Optional<List<StoredUser>> loaded) {
        this.file = file;
        this.hasher = hasher;
        this.clock = clock;
        this.existedAtOpen = loaded.isPresent();
        loaded.orElse(List.of()).forEach(user -> users.put(user.username(), user));
    }

    /** @throws IOException when the users file exists but cannot be read; nothing is overwritten then */
    static UserDirectory open(UserFile file, PasswordHasher hasher, Clock clock) throws IOException {
        return new UserDirectory(file, hasher, clock, file.load());
    }

    /** True when there was no users file: this is the server's first start. */
    boolean isFirstStart() {
        return !existedAtOpen;
    }

    @Override
    public synchronized List<UserAccount> list() {
        return users.values().stream().map(StoredUser::toAccount).toList();
    }

    @Override
    public synchronized Optional<UserAccount> find(String username) {
        return Optional.ofNullable(users.get(username)).map(StoredUser::toAccount);
    }

    @Override
    public UserAccount create(String username, char[] password, Role role) {
        UserPolicy.checkUsername(username);
        UserPolicy.checkPassword(password);
        if (role == null) {
            throw new IllegalArgumentException("a role is required: ADMIN, OPERATOR or USER");
        }
        PasswordHash hash = hasher.hash(password);
        synchronized (this) {
            if (users.containsKey(username)) {
                throw new IllegalArgumentException("user name already taken: " + username);
            }
            StoredUser user = new StoredUser(username, role, clock.instant().toString(), false, hash);
            change(() -> users.put(username, user), () -> users.remove(username));
            return user.toAccount();
        }
    }

    @Override
    public void setPassword(String username, char[] newPassword) {
        UserPolicy.checkPassword(newPassword);
        PasswordHash hash = hasher.hash(newPassword);
        synchronized (this) {
            StoredUser old = existing(username);
            change(() -> users.put(username, old.withPassword(hash)), () -> users.put(username, old));
        }
    }

    @Override
    public synchronized void setRole(String username, Role role) {
        if (role == null) {
            throw new IllegalArgumentException("a role is required: ADMIN, OPERATOR or USER");
        }
        StoredUser old = existing(username);
        if (old.role() == Role.ADMIN && role != Role.ADMIN) {
            requireAnotherAdmin(username);
        }
        change(() -> users.put(username, old.withRole(role)), () -> users.put(username, old));
    }

    /**
     * @throws IllegalArgumentException for an unknown user
     * @throws IllegalStateException    when this is the last ADMIN (nobody could administer the server)
     */
    @Override
    public synchronized void delete(String username) {
        StoredUser old = existing(username);
        if (old.role() == Role.ADMIN) {
            requireAnotherAdmin(username);
        }
        change(() -> users.remove(username), () -> users.put(username, old));
    }

    @Override
    public boolean verifyPassword(String username, char[] password) {
        StoredUser user;
        synchronized (this) {
            user = username == null ? null : users.get(username);
        }
        if (user == null || password == null) {
            hasher.simulateCheck(password == null ? new char[0] : password);
            return false;
        }
        boolean matches = hasher.matches(password, user.password());
        if (matches && hasher.needsRehash(user.password())) {
            upgradeHash(user, password);
        }
        return matches;
    }

    /** Raises an old hash to the current work factor while the plain password is at hand. */
    private void upgradeHash(StoredUser seen, char[] password) {
        PasswordHash stronger = hasher.hash(password);
        synchronized (this) {
            StoredUser current = users.get(seen.username());
            if (current == null || !current.password().equals(seen.password())) {
                return; // changed meanwhile: leave it alone
            }
            try {
                change(() -> users.put(seen.username(), current.withPassword(stronger)),
                        () -> users.put(seen.username(), current));
            } catch (UncheckedIOException e) {
                LOG.log(Level.WARNING, "could not store the re-hashed password of " + seen.username(), e);
            }
        }
    }

    private StoredUser existing(String username) {
        StoredUser user = username == null ? null : users.get(username);
        if (user == null) {
            throw new IllegalArgumentException("no such user: " + username);
        }
        return user;
    }

    private void requireAnotherAdmin(String username) {
        boolean another = users.values().stream()
                .anyMatch(u -> u.role() == Role.ADMIN && !u.username().equals(username));
        if (!another) {
            throw new IllegalStateException("'" + username + "' is the last ADMIN; make another user ADMIN first");
        }
    }

    /** Applies a change in memory, writes the file, and undoes the change if writing fails. */
    private void change(Runnable apply, Runnable undo) {
        apply.run();
        try {
            file.save(new ArrayList<>(users.values()));
        } catch (IOException e) {
            undo.run();
            throw new UncheckedIOException("could not write " + file.path() + ": " + e.getMessage(), e);
        }
    }
}
