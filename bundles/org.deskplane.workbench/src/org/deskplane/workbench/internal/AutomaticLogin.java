package org.deskplane.workbench.internal;

import java.net.URI;
import java.util.Optional;
import java.util.function.Function;

/**
 * Login without the dialog, for automation and tests. All of these must be given:
 * <ul>
 * <li>system property {@code deskplane.server.url} (e.g. {@code https://127.0.0.1:8443})</li>
 * <li>system property {@code deskplane.server.user}</li>
 * <li>environment variable {@code DESKPLANE_PASSWORD}, or else system property
 * {@code deskplane.server.password}</li>
 * </ul>
 * The certificate: {@code deskplane.server.trustFingerprint} pins a SHA-256 fingerprint;
 * {@code deskplane.server.insecureTrustAll=true} accepts any certificate, loopback servers only; otherwise a
 * fingerprint trusted earlier in the dialog, or a CA-signed certificate.
 */
final class AutomaticLogin {

    static final String URL = "deskplane.server.url";
    static final String USER = "deskplane.server.user";
    static final String PASSWORD = "deskplane.server.password";
    static final String PASSWORD_ENV = "DESKPLANE_PASSWORD";
    static final String FINGERPRINT = "deskplane.server.trustFingerprint";
    static final String TRUST_ALL = "deskplane.server.insecureTrustAll";

    private AutomaticLogin() {
    }

    static Optional<LoginRequest> fromEnvironment() {
        return from(System::getProperty, System::getenv);
    }

    static Optional<LoginRequest> from(Function<String, String> properties, Function<String, String> environment) {
        String url = properties.apply(URL);
        String user = properties.apply(USER);
        String password = environment.apply(PASSWORD_ENV);
        if (password == null || password.isEmpty()) {
            password = properties.apply(PASSWORD);
        }
        if (blank(url) || blank(user) || password == null || password.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new LoginRequest(URI.create(url.trim()), user.trim(), password.toCharArray(),
                blank(properties.apply(FINGERPRINT)) ? null : properties.apply(FINGERPRINT).trim(),
                Boolean.parseBoolean(properties.apply(TRUST_ALL))));
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
