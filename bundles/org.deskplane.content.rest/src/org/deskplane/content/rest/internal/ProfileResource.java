package org.deskplane.content.rest.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.deskplane.content.api.ContentAccess;
import org.deskplane.content.api.ContentEntry;
import org.deskplane.content.api.ContentException;
import org.deskplane.content.api.ContentPolicies;
import org.deskplane.content.api.ContentReader;
import org.deskplane.content.api.PolicyRuleSpec;
import org.deskplane.content.api.RequestContext;
import org.deskplane.rest.api.ApiException;
import org.deskplane.rest.api.ApiRequest;
import org.deskplane.rest.api.ApiResource;
import org.deskplane.rest.api.ApiResult;
import org.deskplane.rest.api.Route;
import org.deskplane.security.api.Role;
import org.deskplane.security.api.Session;
import org.deskplane.security.api.UserService;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** The {@code profile} group of REST routes: data sources, listings, downloads, uploads, search. */
@Component(service = ApiResource.class, property = ApiResource.NAME_PROPERTY + "=profile")
public final class ProfileResource implements ApiResource {
    private static final String SOURCE = "/profile/sources/{source}";
    /** Documents the on-behalf parameter in every read route's OpenAPI summary. */
    private static final String AS = "; ADMIN only: ?as=<user> answers as that user sees it (their sources and "
            + "policies; audited as the administrator acting as them; read-only)";

    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile ContentAccess access;

    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile ContentPolicies policies;

    /** Only needed for ?as=: the effective user's role comes from the user directory. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile UserService users;

    private final List<Route> routes = List.of(
            Route.get("/profile/sources", Role.USER, "The caller's data sources: desktops, data disks, shares" + AS,
                    request -> represent(request, access.sources(context(request)), "dataSources")),
            Route.get("/profile/applications", Role.USER, "The applications the caller is entitled to, with their desktops" + AS,
                    request -> represent(request, access.applications(context(request)), "applications")),
            Route.get(SOURCE + "/entries", Role.USER, "List the folder ?path= of a data source" + AS,
                    request -> represent(request, access.list(context(request), request.pathParam("source"), path(request)),
                            "contentEntries")),
            Route.get(SOURCE + "/stat", Role.USER, "The file or folder ?path= of a data source" + AS,
                    request -> represent(request, access.stat(context(request), request.pathParam("source"), path(request)),
                            "contentEntry")),
            Route.get(SOURCE + "/content", Role.USER,
                    "Download the file ?path= (HTTP Range, ETag, Last-Modified, If-None-Match, If-Range)" + AS, this::download),
            Route.get(SOURCE + "/zip", Role.USER, "Download the folder ?path= as a zip built while streaming" + AS, this::zip),
            Route.get(SOURCE + "/search", Role.USER, "Search below ?path=: with ?in=name (the default) the files whose "
                    + "name contains ?q= (a list of contentEntries); with ?in=content the files whose text matches ?q= "
                    + "(words that must all occur, \"quoted phrases\"; case and accents ignored) where the source is "
                    + "indexed: {index: indexStatus, hits: [{entry, snippet}]}, index.indexed=false and no hits where not" + AS,
                    this::search),
            Route.get(SOURCE + "/index", Role.USER, "The full-text index of the data source: {indexed, state (ABSENT, "
                    + "BUILDING, READY, STALE), filesDone, filesTotal, terms, updated, detail}" + AS,
                    request -> represent(request, access.indexStatus(context(request), request.pathParam("source")),
                            "indexStatus")),
            Route.put(SOURCE + "/content", Role.USER, "Upload the request body as the file ?path= (where policy allows; refused with ?as=)",
                    request -> represent(request, access.write(context(request), request.pathParam("source"), path(request),
                            request.body()), "contentEntry")),
            Route.delete(SOURCE + "/content", Role.USER, "Delete the file ?path= (where policy allows; refused with ?as=)", request -> {
                access.delete(context(request), request.pathParam("source"), path(request));
                return ApiResult.noContent();
            }),
            Route.get("/profile/policies", Role.ADMIN, "The content policy rules, in the order they are tried",
                    request -> represent(request, policies.list(), "policyRuleSpecs")),
            Route.put("/profile/policies/{name}", Role.ADMIN,
                    "Create or replace a content policy rule {order, effect, operations, users, roles, sources, paths, "
                            + "networks, formFactors, days, from, to, zone}",
                    request -> {
                        PolicyRuleSpec body = request.bodyAs(PolicyRuleSpec.class);
                        if (body == null) {
                            throw new ApiException(400, "Bad request", "a policy rule is expected as JSON");
                        }
                        PolicyRuleSpec named = new PolicyRuleSpec(request.pathParam("name"), body.order(), body.effect(),
                                body.operations(), body.users(), body.roles(), body.sources(), body.paths(),
                                body.networks(), body.formFactors(), body.days(), body.from(), body.to(), body.zone());
                        return represent(request, policies.put(request.actor(), named), "policyRuleSpec");
                    }),
            Route.delete("/profile/policies/{name}", Role.ADMIN, "Delete a content policy rule", request -> {
                policies.delete(request.actor(), request.pathParam("name"));
                return ApiResult.noContent();
            }));

    @Override
    public List<Route> routes() {
        return routes.stream().map(ProfileResource::mappingErrors).toList();
    }

    private ApiResult search(ApiRequest request) throws IOException {
        String query = request.query("q").orElse("");
        String in = request.query("in").orElse("name");
        return switch (in) {
            case "name" -> represent(request, access.search(context(request), request.pathParam("source"), path(request),
                    query), "contentEntries");
            case "content" -> represent(request, access.searchContent(context(request), request.pathParam("source"),
                    path(request), query), "contentSearchResult");
            default -> throw new ApiException(400, "Bad request", "?in= is 'name' or 'content', not '" + in + "'");
        };
    }

    private ApiResult download(ApiRequest request) throws IOException {
        ContentReader reader = access.open(context(request), request.pathParam("source"), path(request));
        boolean handedOver = false;
        try {
            ContentEntry entry = reader.entry();
            String etag = "\"" + entry.etag() + "\"";
            Optional<String> lastModified = Optional.ofNullable(entry.modified()).map(ProfileResource::httpDate);
            if (notModified(request, etag, entry.modified())) {
                ApiResult result = ApiResult.stream(304, null, null).header("ETag", etag);
                lastModified.ifPresent(date -> result.header("Last-Modified", date));
                return result;
            }
            long size = entry.size();
            Optional<ByteRange> range;
            boolean rangeStillValid = request.header("If-Range").map(etag::equals).orElse(true);
            try {
                range = rangeStillValid ? ByteRange.parse(request.header("Range").orElse(null), size) : Optional.empty();
            } catch (IllegalArgumentException e) {
                throw new ApiException(416, "Range not satisfiable", e.getMessage() + " (the file has " + size + " bytes)");
            }
            long first = range.map(ByteRange::first).orElse(0L);
            long length = range.map(ByteRange::length).orElse(size);
            ApiResult result = ApiResult.stream(range.isPresent() ? 206 : 200, "application/octet-stream",
                    out -> copy(reader, first, length, out))
                    .header("ETag", etag).header("Accept-Ranges", "bytes").header("Content-Length", Long.toString(length))
                    .header("Content-Disposition", "attachment; filename*=UTF-8''" + encode(entry.name()));
            lastModified.ifPresent(date -> result.header("Last-Modified", date));
            range.ifPresent(r -> result.header("Content-Range", "bytes " + r.first() + "-" + r.last() + "/" + size));
            handedOver = true;
            return result;
        } finally {
            if (!handedOver) {
                reader.close();
            }
        }
    }

    /** Streams {@code length} bytes from {@code first}, then closes the reader (the body writer owns it). */
    private static void copy(ContentReader reader, long first, long length, OutputStream out) throws IOException {
        try (reader) {
            ReadAhead.copy(reader, first, length, out);
        }
    }

    private ApiResult zip(ApiRequest request) throws IOException {
        RequestContext context = context(request);
        String source = request.pathParam("source");
        String path = path(request);
        ContentEntry folder = access.stat(context, source, path);
        if (!folder.directory()) {
            throw new ApiException(409, "Not a folder", path + " is a file: download it with /content");
        }
        String name = folder.name().isEmpty() ? source.replace(':', '_') : folder.name();
        return ApiResult.stream(200, "application/zip", out -> new ZipStreamer(access, context, source).write(path, out))
                .header("Content-Disposition", "attachment; filename*=UTF-8''" + encode(name + ".zip"));
    }

    private static boolean notModified(ApiRequest request, String etag, Instant modified) {
        Optional<String> ifNoneMatch = request.header("If-None-Match");
        if (ifNoneMatch.isPresent()) {
            return ifNoneMatch.get().strip().equals("*") || List.of(ifNoneMatch.get().split(",")).stream()
                    .map(String::strip).anyMatch(etag::equals);
        }
        Optional<String> ifModifiedSince = request.header("If-Modified-Since");
        if (ifModifiedSince.isPresent() && modified != null) {
            try {
                Instant since = DateTimeFormatter.RFC_1123_DATE_TIME.parse(ifModifiedSince.get(), Instant::from);
                return !modified.truncatedTo(ChronoUnit.SECONDS).isAfter(since);
            } catch (RuntimeException e) {
                return false;
            }
        }
        return false;
    }

    private static ApiResult represent(ApiRequest request, Object value, String rootName) {
        boolean xml = request.header("Accept").map(a -> a.contains("application/xml") || a.contains("text/xml"))
                .orElse(false) && !request.header("Accept").get().contains("application/json");
        if (!xml) {
            return ApiResult.ok(value);
        }
        return ApiResult.stream(200, "application/xml; charset=UTF-8", out -> XmlRepresentation.write(value, rootName, out));
    }

    /** The caller's context, or with ?as=<user> the context of an administrator acting on that user's behalf. */
    RequestContext context(ApiRequest request) {
        return OnBehalfParameter.apply(sessionContext(request), request.query(OnBehalfParameter.NAME), users);
    }

    static RequestContext sessionContext(ApiRequest request) {
        Session session = request.session().orElseThrow(() -> new ApiException(401, "Unauthorized", "log in first"));
        InetAddress address;
        try {
            // the dispatcher gives the peer's literal address: no name lookup happens here
            address = InetAddress.getByName(request.remoteAddress());
        } catch (UnknownHostException e) {
            address = null;
        }
        return new RequestContext(session.username(), session.role(), address,
                formFactor(request.header("User-Agent").orElse("")));
    }

    static String formFactor(String userAgent) {
        String agent = userAgent.toLowerCase(Locale.ROOT);
        if (agent.contains("ipad") || agent.contains("tablet") || (agent.contains("android") && !agent.contains("mobile"))) {
            return "tablet";
        }
        if (agent.contains("mobile") || agent.contains("iphone")) {
            return "phone";
        }
        return "desktop";
    }

    private static String path(ApiRequest request) {
        return request.query("path").orElse("/");
    }

    private static String httpDate(Instant instant) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC));
    }

    private static String encode(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The route with content errors turned into problem responses. */
    private static Route mappingErrors(Route route) {
        return new Route(route.method(), route.path(), route.minimumRole(), route.summary(), request -> {
            try {
                return route.handler().handle(request);
            } catch (ContentException e) {
                throw ContentProblems.of(e);
            }
        });
    }
}
