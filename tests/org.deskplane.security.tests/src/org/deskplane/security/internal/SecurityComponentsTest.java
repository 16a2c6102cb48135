package org.deskplane.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Hashtable;
import java.util.function.BooleanSupplier;

import org.deskplane.security.api.AuditEvent;
import org.deskplane.security.api.AuditLog;
import org.deskplane.security.api.AuditQuery;
import org.deskplane.security.api.AuthenticationService;
import org.deskplane.security.api.Role;
import org.deskplane.security.api.Session;
import org.deskplane.security.api.UserService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The components as Felix SCR starts them, on the data directory and initial admin password that the test
 * pom sets as system properties.
 */
class SecurityComponentsTest {

    private static final String ADMIN_PASSWORD = System.getProperty(InitialAdmin.PASSWORD_PROPERTY);
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static BundleContext context;
    private static AuthenticationService auth;
    private static UserService users;
    private static AuditLog audit;

    @BeforeAll
    static void awaitServices() throws InterruptedException {
        context = FrameworkUtil.getBundle(SecurityComponentsTest.class).getBundleContext();
        assertNotNull(context, "the security bundle must be started");
        auth = await(AuthenticationService.class);
        users = await(UserService.class);
        audit = await(AuditLog.class);
    }

    @Test
    void theFirstStartCreatedAdminWithOnlyAHashStored() throws Exception {
        assertNotNull(ADMIN_PASSWORD, "the test pom sets " + InitialAdmin.PASSWORD_PROPERTY);
        Session session = auth.login("admin", ADMIN_PASSWORD.toCharArray(), "127.0.0.1");
        assertEquals(Role.ADMIN, session.role());
        assertEquals(session, auth.validate(session.token()).orElseThrow());

        Path data = Path.of(System.getProperty(DataDirectory.PROPERTY));
        String usersFile = Files.readString(data.resolve("security/users.json"));
        assertTrue(usersFile.contains("\"admin\""), usersFile);
        assertFalse(usersFile.contains(ADMIN_PASSWORD), "the password itself is never stored");
        assertFalse(Files.readString(data.resolve("audit/audit.log")).contains(ADMIN_PASSWORD));

        assertTrue(audit.query(new AuditQuery(null, "system", "user.create", 10)).stream()
                .anyMatch(e -> e.target().equals("admin")), "the creation of admin is audited");
        AuditEvent login = audit.query(new AuditQuery(null, "admin", "auth.login", 1)).get(0);
        assertEquals(AuditEvent.Result.SUCCESS, login.result());
        assertEquals("127.0.0.1", login.source());
        assertTrue(users.find("admin").isPresent());
    }

    @Test
    void aTokenLifetimeOfSecondsSetThroughConfigurationAdminEndsSessions() throws Exception {
        Session longLived = auth.login("admin", ADMIN_PASSWORD.toCharArray(), "127.0.0.2");
        ConfigurationAdmin configAdmin = await(ConfigurationAdmin.class);
        Configuration config = configAdmin.getConfiguration(SecurityConfiguration.PID, "?");
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("tokenLifetimeSeconds", 2);
        config.update(properties);
        try {
            Session[] shortLived = new Session[1];
            waitUntil("the new lifetime is applied", () -> {
                shortLived[0] = login();
                return shortLived[0].expiresAt().isBefore(Instant.now().plusSeconds(60));
            });
            waitUntil("the short-lived token expires", () -> auth.validate(shortLived[0].token()).isEmpty());
            assertTrue(auth.validate(longLived.token()).isPresent(),
                    "a configuration change must not restart the service (sessions would be lost)");
        } finally {
            config.delete();
        }
        waitUntil("the default lifetime is back", () -> login().expiresAt().isAfter(Instant.now().plusSeconds(3600)));
    }

    private static Session login() {
        try {
            return auth.login("admin", ADMIN_PASSWORD.toCharArray(), "127.0.0.2");
        } catch (Exception e) {
            throw new AssertionError("admin login failed", e);
        }
    }

    private static <T> T await(Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        T service = tracker.waitForService(WAIT.toMillis());
        assertNotNull(service, type.getSimpleName() + " did not come up within " + WAIT);
        return service;
    }

    /** Polls with a deadline: the condition depends on asynchronous configuration delivery and on time. */
    private static void waitUntil(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                fail("timed out waiting until " + what);
            }
            Thread.sleep(100);
        }
    }
}
