package org.deskplane.client.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

import org.deskplane.bundles.api.BundleManager;
import org.deskplane.client.CertificateTrust;
import org.deskplane.client.ServerCertificate;
import org.deskplane.client.ServerConnection;
import org.deskplane.client.ServerException;
import org.deskplane.client.ServerRest;
import org.deskplane.content.api.ContentAccess;
import org.deskplane.content.api.ContentPolicies;
import org.deskplane.security.api.AuditLog;
import org.deskplane.security.api.AuthenticationException;
import org.deskplane.security.api.Role;
import org.deskplane.security.api.Session;

import com.fasterxml.jackson.databind.JsonNode;

/** A {@link ServerConnection} over {@link java.net.http.HttpClient}. */
public final class HttpServerConnection implements ServerConnection {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final ServerAddress address;
    private final RestClient rest;
    private final Session session;
    private final ServerCertificate certificate;
    private final RemoteBundleManager bundleManager;
    private final RemoteAuditLog auditLog;
    private final RemoteHypervisors hypervisors;
    private final RemoteContentAccess contentAccess;
    private final RemoteContentPolicies contentPolicies;
    private final RestPrinting printing;
    private final RemotePrintPolicies printPolicies;
    private final ConnectionRest plainRest;

    private HttpServerConnection(ServerAddress address, RestClient rest, Session session,
            ServerCertificate certificate) {
        this.address = address;
        this.rest = rest;
        this.session = session;
        this.certificate = certificate;
        this.bundleManager = new RemoteBundleManager(rest);
        this.auditLog = new RemoteAuditLog(rest);
        this.hypervisors = new RemoteHypervisors(rest);
        this.contentAccess = new RemoteContentAccess(rest);
        this.contentPolicies = new RemoteContentPolicies(rest);
        this.printing = new RestPrinting(rest);
        this.printPolicies = new RemotePrintPolicies(rest);
        this.plainRest = new ConnectionRest(rest);
    }

    public static ServerConnection login(URI baseUrl, CertificateTrust trust, String username, char[] password)
            throws AuthenticationException {
        ServerAddress address = ServerAddress.of(baseUrl);
        if (trust == null) {
            throw new IllegalArgumentException("Choose how to trust the server's certificate");
        }
        // sending a password unencrypted, or to any server at all, is only tolerable on this very machine
        if (!address.tls() && !address.loopback()) {
            throw new IllegalArgumentException("Refusing to send a password over plain http to " + address.host()
                    + ": use https");
        }
        if (trust.mode() == CertificateTrust.Mode.INSECURE_LOOPBACK_ONLY && !address.loopback()) {
            throw new IllegalArgumentException("Trusting any certificate is only allowed for loopback servers, not "
                    + address.host() + ": pin the server's certificate fingerprint instead");
        }
        ChosenTrustManager trustManager = new ChosenTrustManager(trust, SystemTrust.defaultTrustManager());
        RestClient rest = new RestClient(address.base(), httpClient(trustManager), trustManager);
        try {
            Session session = authenticate(rest, username, password);
            rest.token(session.token());
            return new HttpServerConnection(address, rest, session, trustManager.presented());
        } catch (AuthenticationException | RuntimeException e) {
            rest.close();
            throw e;
        }
    }

    private static HttpClient httpClient(ChosenTrustManager trustManager) {
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] { trustManager }, null);
            return HttpClient.newBuilder().sslContext(tls).connectTimeout(CONNECT_TIMEOUT)
                    .version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER).build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private static Session authenticate(RestClient rest, String username, char[] password)
            throws AuthenticationException {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("username", username);
        body.put("password", new String(password));
        Reply reply = rest.send("POST", "/auth/login",
                HttpRequest.BodyPublishers.ofByteArray(writeJson(rest, body)), "application/json");
        if (reply.status() == 401) {
            Problem problem = Problem.of(reply, rest.json());
            throw new AuthenticationException(AuthenticationException.Reason.BAD_CREDENTIALS,
                    "Login refused for " + username + ": " + orDefault(problem.detail(), "wrong user or password"),
                    null);
        }
        if (reply.status() == 429) {
            Duration retryAfter = reply.headers().firstValue("Retry-After").map(HttpServerConnection::seconds)
                    .orElse(null);
            throw new AuthenticationException(AuthenticationException.Reason.LOCKED_OUT, "Too many failed logins for "
                    + username + "; try again" + (retryAfter == null ? " later" : " in " + retryAfter.toSeconds()
                            + " s"), retryAfter);
        }
        rest.expectSuccess("POST", "/auth/login", reply);
        JsonNode answer = rest.parse("POST", "/auth/login", reply);
        if (answer == null || !answer.hasNonNull("token")) {
            throw new ServerException(reply.status(), "Unexpected answer", "no token",
                    "The server accepted the login but sent no token", null);
        }
        try {
            return new Session(answer.path("username").asText(username),
                    Role.valueOf(answer.path("role").asText("USER").toUpperCase(Locale.ROOT)),
                    answer.get("token").asText(), Instant.parse(answer.path("expiresAt").asText()));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new ServerException(reply.status(), "Unexpected answer", e.getMessage(),
                    "The server's login answer cannot be read: " + e.getMessage(), e);
        }
    }

    private static byte[] writeJson(RestClient rest, Object body) {
        try {
            return rest.json().writeValueAsBytes(body);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot write login request: " + e.getMessage(), e);
        }
    }

    private static Duration seconds(String retryAfter) {
        try {
            return Duration.ofSeconds(Long.parseLong(retryAfter.trim()));
        } catch (NumberFormatException e) {
            return null; // an HTTP date: the message then just says "later"
        }
    }

    private static String orDefault(String text, String fallback) {
        return text == null || text.isBlank() ? fallback : text;
    }

    @Override
    public URI baseUrl() {
        return address.base();
    }

    @Override
    public Session session() {
        return session;
    }

    @Override
    public ServerCertificate certificate() {
        return certificate;
    }

    @Override
    public ServerRest rest() {
        return plainRest;
    }

    @Override
    public BundleManager bundleManager() {
        return bundleManager;
    }

    @Override
    public AuditLog auditLog() {
        return auditLog;
    }

    @Override
    public java.util.List<org.deskplane.hypervisor.api.HypervisorConnection> hypervisorConnections() {
        return hypervisors.connections();
    }

    @Override
    public ContentAccess contentAccess() {
        return contentAccess;
    }

    @Override
    public java.util.List<org.deskplane.security.api.UserAccount> users() {
        return JsonMapping.list(rest.getJson("/users"), "user", JsonMapping::userAccount);
    }

    @Override
    public ContentPolicies contentPolicies() {
        return contentPolicies;
    }

    @Override
    public org.deskplane.client.RemotePrinting printing() {
        return printing;
    }

    @Override
    public org.deskplane.print.policy.PrintPolicies printPolicies() {
        return printPolicies;
    }

    @Override
    public void close() {
        try {
            rest.send("POST", "/auth/logout", null, null);
        } catch (ServerException unreachable) {
            // the token expires on its own; closing must not fail because the server is gone
        } finally {
            rest.token(null);
            rest.close();
        }
    }

    @Override
    public String toString() {
        return "ServerConnection[" + address.base() + ", " + session + "]";
    }
}
