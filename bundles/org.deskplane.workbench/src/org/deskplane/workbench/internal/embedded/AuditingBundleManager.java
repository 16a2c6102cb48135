package org.deskplane.workbench.internal.embedded;

import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.deskplane.bundles.api.BundleInfo;
import org.deskplane.bundles.api.BundleManager;
import org.deskplane.bundles.api.BundleOperationException;
import org.deskplane.bundles.api.BundleOperationException.Kind;
import org.deskplane.bundles.api.FeatureInfo;
import org.deskplane.security.api.AuditEvent;
import org.deskplane.security.api.AuditEvent.Result;
import org.deskplane.security.api.AuditLog;

/**
 * The local {@link BundleManager} as the embedded workbench offers it to its parts: every change is recorded
 * in the local {@link AuditLog} with the OS user as actor. On the server the REST layer does this; in
 * embedded mode there is no REST layer, so this wrapper does, with the same action names
 * ({@code bundle.start}, {@code feature.install} …). Reads are passed through unrecorded.
 * <p>
 * Both services are looked up at each call, so that stopping or updating their bundles in this very
 * workbench is survived: a missing bundle manager is a clear error, a missing audit log only a warning
 * (as on the server, the operation is not refused for it).
 */
final class AuditingBundleManager implements BundleManager {

    static final String SOURCE = "local";

    private final Supplier<BundleManager> delegate;
    private final Supplier<AuditLog> auditLog;
    private final String actor;

    AuditingBundleManager(Supplier<BundleManager> delegate, Supplier<AuditLog> auditLog, String actor) {
        this.delegate = delegate;
        this.auditLog = auditLog;
        this.actor = actor;
    }

    @Override
    public List<BundleInfo> bundles() {
        return manager().bundles();
    }

    @Override
    public Optional<BundleInfo> bundle(long id) {
        return manager().bundle(id);
    }

    @Override
    public List<FeatureInfo> features() {
        return manager().features();
    }

    @Override
    public BundleInfo install(InputStream jar, boolean start) {
        return audited("bundle.install", "", () -> manager().install(jar, start), AuditingBundleManager::label);
    }

    @Override
    public BundleInfo start(long id) {
        return audited("bundle.start", target(id), () -> manager().start(id), AuditingBundleManager::label);
    }

    @Override
    public BundleInfo stop(long id) {
        return audited("bundle.stop", target(id), () -> manager().stop(id), AuditingBundleManager::label);
    }

    @Override
    public BundleInfo update(long id, InputStream jar) {
        return audited("bundle.update", target(id), () -> manager().update(id, jar), AuditingBundleManager::label);
    }

    @Override
    public void uninstall(long id) {
        String target = target(id);
        audited("bundle.uninstall", target, () -> {
            manager().uninstall(id);
            return target;
        }, String::valueOf);
    }

    @Override
    public FeatureInfo installFeature(URI repository, String featureId, String version) {
        return audited("feature.install", featureId, () -> manager().installFeature(repository, featureId, version),
                f -> f.id() + " " + f.version() + " from " + repository);
    }

    @Override
    public void uninstallFeature(String featureId) {
        audited("feature.uninstall", featureId, () -> {
            manager().uninstallFeature(featureId);
            return featureId;
        }, String::valueOf);
    }

    private <T> T audited(String action, String target, Supplier<T> operation,
            java.util.function.Function<T, String> detail) {
        T result;
        try {
            result = operation.get();
        } catch (RuntimeException e) {
            record(action, target, Result.FAILURE, String.valueOf(e.getMessage()));
            throw e;
        }
        record(action, target, Result.SUCCESS, detail.apply(result));
        return result;
    }

    private void record(String action, String target, Result result, String detail) {
        AuditLog log = auditLog.get();
        if (log == null) {
            System.err.println("Deskplane: no audit log running; not recorded: " + actor + " " + action + " "
                    + target + " " + result);
            return;
        }
        try {
            log.record(AuditEvent.now(actor, action, target, result, detail, SOURCE));
        } catch (RuntimeException e) {
            // the operation itself is done; a broken audit log must not turn it into an error for the user
            System.err.println("Deskplane: cannot record audit event " + action + " " + target + ": " + e);
        }
    }

    /** Names the bundle while it still exists (uninstall and a failed start would lose the name). */
    private String target(long id) {
        BundleManager current = delegate.get();
        Optional<BundleInfo> known = current == null ? Optional.empty() : current.bundle(id);
        return known.map(b -> b.symbolicName() + " (" + id + ")").orElse("bundle " + id);
    }

    private BundleManager manager() {
        BundleManager current = delegate.get();
        if (current == null) {
            throw new BundleOperationException(Kind.FAILED, "bundle management is not running in this workbench "
                    + "(is org.deskplane.bundles stopped?)");
        }
        return current;
    }

    private static String label(BundleInfo info) {
        return info.symbolicName() + " " + info.version() + " (" + info.id() + "), now " + info.state();
    }
}
