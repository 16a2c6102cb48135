package org.deskplane.client.internal;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import org.deskplane.bundles.api.BundleInfo;
import org.deskplane.bundles.api.BundleManager;
import org.deskplane.bundles.api.BundleOperationException;
import org.deskplane.bundles.api.FeatureInfo;
import org.deskplane.client.ServerException;

/**
 * The server's {@link BundleManager} over {@code /api/bundles} and {@code /api/features}. Error answers
 * become {@link BundleOperationException}s of the matching kind; 401 and 403 stay {@link ServerException}s
 * because they are about the session, not the bundle.
 */
final class RemoteBundleManager implements BundleManager {

    private static final String JAR = "application/java-archive";

    private final RestClient rest;

    RemoteBundleManager(RestClient rest) {
        this.rest = rest;
    }

    @Override
    public List<BundleInfo> bundles() {
        return call("list bundles", () -> JsonMapping.list(rest.getJson("/bundles"), "bundle",
                JsonMapping::bundle));
    }

    @Override
    public Optional<BundleInfo> bundle(long id) {
        // the REST contract has no single-bundle read: pick it from the list
        return bundles().stream().filter(b -> b.id() == id).findFirst();
    }

    @Override
    public BundleInfo install(InputStream jar, boolean start) {
        Objects.requireNonNull(jar, "jar");
        return call("install bundle", () -> JsonMapping.bundle(rest.expectAndParse("POST",
                "/bundles?start=" + start, jarBody(jar), JAR)));
    }

    @Override
    public BundleInfo start(long id) {
        return call("start bundle " + id, () -> JsonMapping.bundle(rest.sendJson("POST",
                "/bundles/" + id + "/start", null)));
    }

    @Override
    public BundleInfo stop(long id) {
        return call("stop bundle " + id, () -> JsonMapping.bundle(rest.sendJson("POST",
                "/bundles/" + id + "/stop", null)));
    }

    @Override
    public BundleInfo update(long id, InputStream jar) {
        String path = "/bundles/" + id + "/update";
        return call("update bundle " + id, () -> JsonMapping.bundle(jar == null ? rest.sendJson("POST", path,
                null) : rest.expectAndParse("POST", path, jarBody(jar), JAR)));
    }

    @Override
    public void uninstall(long id) {
        call("uninstall bundle " + id, () -> rest.sendJson("DELETE", "/bundles/" + id, null));
    }

    @Override
    public List<FeatureInfo> features() {
        return call("list features", () -> JsonMapping.list(rest.getJson("/features"), "feature",
                JsonMapping::feature));
    }

    @Override
    public FeatureInfo installFeature(URI repository, String featureId, String version) {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(featureId, "featureId");
        Map<String, String> body = new LinkedHashMap<>();
        body.put("repository", repository.toString());
        body.put("featureId", featureId);
        if (version != null && !version.isBlank()) {
            body.put("version", version);
        }
        return call("install feature " + featureId, () -> JsonMapping.feature(rest.sendJson("POST", "/features",
                body)));
    }

    @Override
    public void uninstallFeature(String featureId) {
        Objects.requireNonNull(featureId, "featureId");
        call("uninstall feature " + featureId, () -> rest.sendJson("DELETE", "/features/"
                + PathSegments.segment(featureId), null));
    }

    private static BodyPublisher jarBody(InputStream jar) {
        // the stream can be read once; the client sends it once (no redirects, no retries)
        return HttpRequest.BodyPublishers.ofInputStream(() -> jar);
    }

    private static <T> T call(String what, Supplier<T> action) {
        try {
            return action.get();
        } catch (ServerException e) {
            throw BundleErrors.translate(what, e);
        }
    }
}
