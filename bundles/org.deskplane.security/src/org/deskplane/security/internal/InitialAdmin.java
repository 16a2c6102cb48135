package org.deskplane.security.internal;

import java.io.PrintStream;
import java.lang.System.Logger.Level;

import org.deskplane.security.api.AuditEvent;
import org.deskplane.security.api.AuditLog;
import org.deskplane.security.api.Role;

/**
 * On the first start (no users file), creates {@code admin} so that somebody can log in. The random password
 * is shown once on standard output and nowhere else: not in a log, not in a file (only its hash is kept).
 */
final class InitialAdmin {

    static final String USERNAME = "admin";
    /** For automation: a preset initial password (framework or system property). */
    static final String PASSWORD_PROPERTY = "deskplane.admin.initialPassword";

    private static final System.Logger LOG = System.getLogger(InitialAdmin.class.getName());

    private InitialAdmin() {
    }

    /**
     * @param presetPassword value of {@value #PASSWORD_PROPERTY}, or null
     * @param console        where the banner goes (standard output in production)
     */
    static void createIfFirstStart(UserDirectory users, String presetPassword, RandomSecrets secrets,
            PrintStream console, AuditLog audit) {
        if (!users.isFirstStart() || users.find(USERNAME).isPresent()) {
            return;
        }
        boolean preset = presetPassword != null && presetPassword.length() >= UserPolicy.MIN_PASSWORD_LENGTH;
        if (presetPassword != null && !preset) {
            LOG.log(Level.WARNING, PASSWORD_PROPERTY + " is shorter than " + UserPolicy.MIN_PASSWORD_LENGTH
                    + " characters and was ignored; a random password is used instead");
        }
        char[] password = preset ? presetPassword.toCharArray()
                : secrets.password(RandomSecrets.INITIAL_PASSWORD_LENGTH);
        try {
            users.create(USERNAME, password, Role.ADMIN);
            if (preset) {
                console.println("Deskplane first start: user 'admin' created with the password from "
                        + PASSWORD_PROPERTY);
            } else {
                printBanner(console, password);
            }
        } finally {
            PasswordHasher.wipe(password);
        }
        audit.record(AuditEvent.now("system", "user.create", USERNAME, AuditEvent.Result.SUCCESS,
                "initial administrator, role ADMIN" + (preset ? ", password preset by " + PASSWORD_PROPERTY : ""),
                "local"));
    }

    private static void printBanner(PrintStream console, char[] password) {
        String rule = "=".repeat(100);
        console.println(rule);
        console.println("Deskplane first start: user 'admin' created with password: " + new String(password));
        console.println("This password is shown only now. Log in and change it, or create your own ADMIN user.");
        console.println(rule);
        console.flush();
    }
}
