package org.deskplane.modules.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The module host ("player" in the specification): every verb a guest or an administrator may use. Each call
 * checks the requester's policy first, is recorded in the request history and the audit log, and either returns or
 * throws a {@link ModuleException} whose status is what the requester is told. Versions are exact OSGi versions;
 * ranges are OSGi version ranges ("[1.0,2.0)", or a bare version meaning "at least").
 */
@ProviderType
public interface ModuleHost {

    QueryResult query(Requester requester, String symbolicName, String versionRange);

    /**
     * Opens an upload of a jar of {@code size} bytes whose SHA-256 is {@code sha256} (hex). Refused at once when the
     * policy denies uploads, the size is over the host's limit, or too many uploads are open.
     */
    UploadSession beginUpload(Requester requester, long size, String sha256);

    /** Loads (installs into the module region and starts) a stored module. Loading a loaded module is a no-op. */
    ModuleRequest load(Requester requester, String symbolicName, String version);

    /** Stops and uninstalls a loaded module; it stays in the store. */
    ModuleRequest unload(Requester requester, String symbolicName, String version);

    /** Registers a stored module for the requester's VM image: loaded before that VM starts, every time. */
    ModuleRequest register(Requester requester, String symbolicName, String version);

    ModuleRequest unregister(Requester requester, String symbolicName, String version);

    /**
     * Replaces the loaded version(s) of a module by {@code newVersion} (stored): the old is stopped and
     * uninstalled, bundles wired to it are refreshed onto the new one, the new one is started, and registrations of
     * the old version move to the new.
     */
    ModuleRequest replace(Requester requester, String symbolicName, String newVersion);

    /** Changes one configuration property (ConfigurationAdmin) when "pid/key" is on the administrator's whitelist. */
    ModuleRequest configure(Requester requester, String pid, String key, String value);

    /** A past request by id, as long as the requester may see it (a guest sees only its own VM's requests). */
    Optional<ModuleRequest> request(Requester requester, long id);

    /** The newest requests first, at most {@code limit}; {@code vmId} null for all. */
    List<ModuleRequest> requests(String vmId, int limit);

    List<ModuleInfo> modules();

    /** Registrations of one image, or of all images when {@code image} is null. */
    List<Registration> registrations(String image);

    /** Loads every module registered for the image that is not loaded yet (fetching missing ones from the update
     *  site); returns what was loaded. Throws when one cannot be loaded. */
    List<ModuleInfo> prepareImage(String image);

    /** Removes a stored module that is not loaded or registered (administrator only). */
    void delete(Requester requester, String symbolicName, String version);

    /** Lets a quarantined module be loaded again (administrator only). */
    void clearQuarantine(Requester requester, String symbolicName, String version);

    /** The configuration settings guests may change: "pid/key" → description. */
    Map<String, String> configurationWhitelist();
}
