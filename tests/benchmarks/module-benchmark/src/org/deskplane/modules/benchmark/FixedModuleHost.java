package org.deskplane.modules.benchmark;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.deskplane.modules.api.ModuleException;
import org.deskplane.modules.api.ModuleHost;
import org.deskplane.modules.api.ModuleInfo;
import org.deskplane.modules.api.ModuleRequest;
import org.deskplane.modules.api.ModuleState;
import org.deskplane.modules.api.ModuleStatus;
import org.deskplane.modules.api.QueryResult;
import org.deskplane.modules.api.Registration;
import org.deskplane.modules.api.Requester;
import org.deskplane.modules.api.UploadSession;

/**
 * A module host that answers a query at once with one loaded module: the benchmark measures the channel path (guest
 * service → agent channel → host channel → bridge → host and back), not the real host's store or policy.
 */
final class FixedModuleHost implements ModuleHost {
    private static final QueryResult FOUND = new QueryResult(ModuleStatus.OK, List.of(new ModuleInfo("org.example.scan",
            "1.5.0", "00".repeat(32), 48_213, "CN=Deskplane Test Signer, O=Deskplane", "ab".repeat(32),
            ModuleState.LOADED, "", Instant.parse("2026-11-22T08:00:00Z"))), List.of());

    @Override
    public QueryResult query(Requester requester, String symbolicName, String versionRange) {
        return FOUND;
    }

    private static ModuleException no() {
        return new ModuleException(ModuleStatus.FAILED, "not part of the benchmark");
    }

    @Override
    public UploadSession beginUpload(Requester requester, long size, String sha256) {
        throw no();
    }

    @Override
    public ModuleRequest load(Requester requester, String symbolicName, String version) {
        throw no();
    }

    @Override
    public ModuleRequest unload(Requester requester, String symbolicName, String version) {
        throw no();
    }

    @Override
    public ModuleRequest register(Requester requester, String symbolicName, String version) {
        throw no();
    }

    @Override
    public ModuleRequest unregister(Requester requester, String symbolicName, String version) {
        throw no();
    }

    @Override
    public ModuleRequest replace(Requester requester, String symbolicName, String newVersion) {
        throw no();
    }

    @Override
    public ModuleRequest configure(Requester requester, String pid, String key, String value) {
        throw no();
    }

    @Override
    public Optional<ModuleRequest> request(Requester requester, long id) {
        return Optional.empty();
    }

    @Override
    public List<ModuleRequest> requests(String vmId, int limit) {
        return List.of();
    }

    @Override
    public List<ModuleInfo> modules() {
        return FOUND.matching();
    }

    @Override
    public List<Registration> registrations(String image) {
        return List.of();
    }

    @Override
    public List<ModuleInfo> prepareImage(String image) {
        return List.of();
    }

    @Override
    public void delete(Requester requester, String symbolicName, String version) {
        throw no();
    }

    @Override
    public void clearQuarantine(Requester requester, String symbolicName, String version) {
        throw no();
    }

    @Override
    public Map<String, String> configurationWhitelist() {
        return Map.of();
    }
}
