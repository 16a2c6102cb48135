package org.deskplane.security.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;

import org.deskplane.security.api.AuditLog;
import org.deskplane.security.api.AuthenticationException;
import org.deskplane.security.api.AuthenticationService;
import org.deskplane.security.api.Session;
import org.deskplane.security.api.UserService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Publishes the {@link Authenticator}. Sessions live in this component, so it must not be restarted when a user
 * directory or audit log is swapped (dynamic, greedy references) or when the configuration changes
 * ({@link Modified}).
 */
@Component(service = AuthenticationService.class, configurationPid = SecurityConfiguration.PID)
@Designate(ocd = SecurityConfiguration.class)
public final class AuthenticationServiceComponent implements AuthenticationService {

    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile UserService users;

    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile AuditLog audit;

    private Authenticator authenticator;

    @Activate
    void activate(SecurityConfiguration config) {
        authenticator = new Authenticator(() -> users, () -> audit, new RandomSecrets(new SecureRandom()),
                Clock.systemUTC(), AuthSettings.from(config));
    }

    @Modified
    void modified(SecurityConfiguration config) {
        authenticator.update(AuthSettings.from(config));
    }

    @Override
    public Session login(String username, char[] password, String clientAddress) throws AuthenticationException {
        return authenticator.login(username, password, clientAddress);
    }

    @Override
    public Optional<Session> validate(String bearerToken) {
        return authenticator.validate(bearerToken);
    }

    @Override
    public void logout(String bearerToken) {
        authenticator.logout(bearerToken);
    }
}
