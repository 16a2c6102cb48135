package org.deskplane.security.internal;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.deskplane.security.api.AuditLog;
import org.deskplane.security.api.Role;
import org.deskplane.security.api.UserAccount;
import org.deskplane.security.api.UserService;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Publishes the {@link UserDirectory} in {@code ${deskplane.data}/security/users.json} and creates the first
 * administrator on a first start. The audit log is needed only while activating (to record that creation), so
 * its reference is static: a new audit log just re-reads the users file.
 */
@Component(service = UserService.class)
public final class UserServiceComponent implements UserService {

    @Reference
    private AuditLog audit;

    private UserDirectory directory;

    @Activate
    void activate(BundleContext context) throws IOException {
        SecureRandom random = new SecureRandom();
        UserFile file = new UserFile(DataDirectory.resolve(context::getProperty, "security").resolve("users.json"));
        directory = UserDirectory.open(file, new PasswordHasher(random, PasswordHasher.DEFAULT_ITERATIONS),
                Clock.systemUTC());
        InitialAdmin.createIfFirstStart(directory, context.getProperty(InitialAdmin.PASSWORD_PROPERTY),
                new RandomSecrets(random), System.out, audit);
    }

    @Override
    public List<UserAccount> list() {
        return directory.list();
    }

    @Override
    public Optional<UserAccount> find(String username) {
        return directory.find(username);
    }

    @Override
    public UserAccount create(String username, char[] password, Role role) {
        return directory.create(username, password, role);
    }

    @Override
    public void setPassword(String username, char[] newPassword) {
        directory.setPassword(username, newPassword);
    }

    @Override
    public void setRole(String username, Role role) {
        directory.setRole(username, role);
    }

    @Override
    public void delete(String username) {
        directory.delete(username);
    }

    @Override
    public boolean verifyPassword(String username, char[] password) {
        return directory.verifyPassword(username, password);
    }
}
