package org.deskplane.rest.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.deskplane.rest.api.ApiException;
import org.deskplane.rest.api.ApiResource;
import org.deskplane.rest.api.ApiResult;
import org.deskplane.rest.api.Route;
import org.deskplane.security.api.AuditEvent;
import org.deskplane.security.api.AuditLog;
import org.deskplane.security.api.AuthenticationService;
import org.deskplane.security.api.Session;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The single servlet behind {@code /api/*}. Providers come and go as {@link ApiResource} services; this
 * class only routes, authenticates, authorizes and translates results and errors to HTTP.
 */
@Component(service = Servlet.class, configurationPid = "org.deskplane.rest", property = {
        "osgi.http.whiteboard.servlet.pattern=/api/*",
        "osgi.http.whiteboard.servlet.name=deskplane-api" })
@Designate(ocd = DispatcherConfig.class)
public class ApiDispatcherServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final String RETRY_AFTER_SECONDS = "2";

    private final transient RouteTable routes = new RouteTable();
    private final transient Map<ServiceReference<ApiResource>, RouteTable.Provider> bound = new ConcurrentHashMap<>();
    private final transient SynchronousBundleListener uninstallListener = this::bundleChanged;

    @Reference(service = LoggerFactory.class)
    private transient Logger log;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AuthenticationService authentication;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AuditLog audit;

    private transient BundleContext context;
    private volatile long maxBodyBytes;
    private volatile int drainSeconds;
    private volatile String version;

    @Activate
    void activate(BundleContext context, DispatcherConfig config) {
        this.context = context;
        modified(config);
        String productVersion = context.getProperty("deskplane.version");
        version = productVersion != null ? productVersion : context.getBundle().getVersion().toString();
        routes.add("core", context.getBundle().getBundleId(), coreRoutes());
        context.addBundleListener(uninstallListener);
    }

    @Modified
    void modified(DispatcherConfig config) {
        maxBodyBytes = Math.max(1, config.maxBodyMiB()) * 1024L * 1024L;
        drainSeconds = Math.max(0, config.drainSeconds());
    }

    @Deactivate
    void deactivate() {
        context.removeBundleListener(uninstallListener);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindResource(ApiResource resource, ServiceReference<ApiResource> ref) {
        Object nameProperty = ref.getProperty(ApiResource.NAME_PROPERTY);
        String name = nameProperty != null ? nameProperty.toString() : ref.getBundle().getSymbolicName();
        List<Route> list;
        try {
            list = List.copyOf(resource.routes());
        } catch (RuntimeException e) {
            logError("API resource '" + name + "' failed to list its routes; it is not served", e);
            return;
        }
        bound.put(ref, routes.add(name, ref.getBundle().getBundleId(), list));
    }

    void unbindResource(ApiResource resource, ServiceReference<ApiResource> ref) {
        RouteTable.Provider provider = bound.remove(ref);
        if (provider == null) {
            return;
        }
        try {
            if (!routes.retire(provider, drainSeconds, TimeUnit.SECONDS)) {
                logWarn("API resource '" + provider.name + "' went away with requests still running after "
                        + drainSeconds + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void bundleChanged(BundleEvent event) {
        if (event.getType() == BundleEvent.UNINSTALLED) {
            routes.forgetBundle(event.getBundle().getBundleId());
        }
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = Optional.ofNullable(request.getPathInfo()).orElse("/");
        String method = request.getMethod();
        RouteTable.Match match = routes.find(method, path);
        boolean publicRoute = match.found() && match.entry().route().minimumRole() == null;
        Session session = null;
        try {
            if (!publicRoute) {
                session = authenticate(request, response, path);
                if (session == null) {
                    return;
                }
            }
            if (!match.found()) {
                if (!match.allowedMethods().isEmpty()) {
                    response.setHeader("Allow", String.join(", ", match.allowedMethods()));
                    Problem.write(response, 405, "Method not allowed", method + " is not supported on " + path
                            + "; use " + String.join(", ", match.allowedMethods()) + ".", path, null);
                } else {
                    Problem.write(response, 404, "Not found", "There is no API endpoint " + method + " " + path
                            + ". The OpenAPI document at /api/openapi.json lists the available ones.", path, null);
                }
                return;
            }
            RouteTable.Entry entry = match.entry();
            Route route = entry.route();
            if (route.minimumRole() != null && !session.role().includes(route.minimumRole())) {
                record(session.username(), "api.denied", method + " " + path, AuditEvent.Result.DENIED,
                        "requires role " + route.minimumRole() + ", has " + session.role(), request.getRemoteAddr());
                Problem.write(response, 403, "Forbidden", "This endpoint requires the role "
                        + route.minimumRole() + "; you are signed in as " + session.role() + ".", path, null);
                return;
            }
            invoke(entry, match.params(), session, path, request, response);
        } catch (ApiException e) {
            Problem.write(response, e.status(), e.title(), e.detail(), path, null);
        } finally {
            drainUnreadBody(request);
        }
    }

    /** Small request bodies read fully before the answer ends; larger unread ones let the server close instead. */
    private static final long DRAIN_LIMIT = 1 << 20;

    /**
     * Reads what is left of a small request body that was answered without being read (401, 403, 404, an early
     * 4xx). Otherwise the server closes the connection with request bytes still arriving, the kernel answers those
     * with a reset, and the client can lose the answer itself ("received no bytes") instead of reading the 403.
     */
    private static void drainUnreadBody(HttpServletRequest request) {
        long length = request.getContentLengthLong();
        if (length <= 0 || length > DRAIN_LIMIT) {
            return;
        }
        try {
            request.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException | IllegalStateException e) {
            // the handler took the body as a reader, or the client went away: nothing left to protect
        }
    }

    /** The caller's session, or null after answering 401/503. */
    private Session authenticate(HttpServletRequest request, HttpServletResponse response, String path)
            throws IOException {
        AuthenticationService auth = authentication;
        if (auth == null) {
            response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
            Problem.write(response, 503, "Service unavailable",
                    "The authentication service is not running, so no signed-in request can be served. "
                            + "Retry shortly.", path, null);
            return null;
        }
        String header = request.getHeader("Authorization");
        String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim()
                : null;
        Optional<Session> session = token == null || token.isEmpty() ? Optional.empty() : auth.validate(token);
        if (session.isEmpty()) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"deskplane\"");
            Problem.write(response, 401, "Unauthorized", token == null
                    ? "Sign in with POST /api/auth/login and send the token as 'Authorization: Bearer <token>'."
                    : "The token is invalid or has expired; sign in again.", path, null);
            return null;
        }
        return session.get();
    }

    private void invoke(RouteTable.Entry entry, Map<String, String> params, Session session, String path,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        RouteTable.Provider provider = entry.provider();
        // count first, then check: a provider being retired either sees this request or this request sees it
        provider.inFlight.incrementAndGet();
        try {
            if (provider.retired) {
                response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
                Problem.write(response, 503, "Service unavailable", "The '" + provider.name
                        + "' API is not available right now: the bundle that provides it is stopped or being "
                        + "updated. Retry shortly.", path, Map.of("provider", provider.name));
                return;
            }
            ApiResult result = entry.route().handler()
                    .handle(new HttpApiRequest(request, path, params, session, maxBodyBytes));
            write(result, response);
        } catch (ApiException e) {
            Problem.write(response, e.status(), e.title(), e.detail(), path, null);
        } catch (IllegalArgumentException e) {
            Problem.write(response, 400, "Bad request", e.getMessage(), path, null);
        } catch (Exception | LinkageError e) {
            String incident = UUID.randomUUID().toString();
            logError("API " + request.getMethod() + " " + path + " failed (incident " + incident + ")", e);
            Problem.write(response, 500, "Internal error", "The server failed to handle the request. "
                    + "Incident " + incident + " is in the server log.", path, Map.of("incident", incident));
        } finally {
            RouteTable.finished(provider);
        }
    }

    private static void write(ApiResult result, HttpServletResponse response) throws IOException {
        if (result == null) {
            result = ApiResult.noContent();
        }
        response.setStatus(result.status());
        result.headers().forEach(response::setHeader);
        if (result.writer() != null) {
            response.setContentType(result.contentType());
            try (OutputStream out = response.getOutputStream()) {
                result.writer().writeTo(out);
            }
        } else if (result.json() != null) {
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            Json.MAPPER.writeValue(response.getOutputStream(), result.json());
        }
    }

    private List<Route> coreRoutes() {
        return List.of(
                Route.get("/health", null, "Liveness: always public, no details that need a login",
                        request -> ApiResult.ok(Map.of("status", "UP", "version", version,
                                "uptimeMillis", ManagementFactory.getRuntimeMXBean().getUptime()))),
                Route.get("/openapi.json", org.deskplane.security.api.Role.USER,
                        "The OpenAPI 3.1 document of the endpoints installed now",
                        request -> ApiResult.ok(OpenApiDocument.build(routes.liveEntries(), version))));
    }

    private void record(String actor, String action, String target, AuditEvent.Result result, String detail,
            String source) {
        AuditLog log = audit;
        if (log != null) {
            log.record(AuditEvent.now(actor, action, target, result, detail, source));
        }
    }

    private void logError(String message, Throwable e) {
        log.error(message, e);
    }

    private void logWarn(String message) {
        log.warn(message);
    }
}
