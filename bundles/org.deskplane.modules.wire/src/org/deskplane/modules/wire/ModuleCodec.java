package org.deskplane.modules.wire;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.deskplane.modules.api.ModuleInfo;
import org.deskplane.modules.api.ModuleRequest;
import org.deskplane.modules.api.ModuleState;
import org.deskplane.modules.api.ModuleStatus;
import org.deskplane.modules.api.QueryResult;
import org.deskplane.modules.api.Requester;
import org.deskplane.modules.api.Verb;

/** The API records an answer carries: a module, a query result, a request of the history. */
public final class ModuleCodec {
    /** Smallest encoding of a module (empty strings, no time): bounds list counts against the bytes left. */
    static final int MIN_MODULE_BYTES = 7 * 2 + 8 + 8;
    private static final long NO_TIME = Long.MIN_VALUE;

    private ModuleCodec() {
    }

    public static void writeModule(WireWriter w, ModuleInfo m) {
        w.str(m.symbolicName()).str(m.version()).str(m.sha256()).i64(m.size()).str(m.signer()).str(m.signerSha256())
                .str(m.state() == null ? "" : m.state().name()).str(m.message()).i64(millis(m.storedAt()));
    }

    public static ModuleInfo readModule(WireReader r) throws WireException {
        String name = r.str();
        String version = r.str();
        String sha = r.str();
        long size = r.i64();
        if (size < 0) {
            throw new WireException("module size " + size);
        }
        String signer = r.str();
        String signerSha = r.str();
        ModuleState state = enumValue(ModuleState.class, r.str(), "module state");
        return new ModuleInfo(name, version, sha, size, signer, signerSha, state, r.str(), time(r.i64()));
    }

    public static void writeModules(WireWriter w, List<ModuleInfo> modules) {
        w.count(modules.size());
        modules.forEach(m -> writeModule(w, m));
    }

    public static List<ModuleInfo> readModules(WireReader r) throws WireException {
        int n = r.count(ModuleWire.MAX_LIST, MIN_MODULE_BYTES);
        List<ModuleInfo> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(readModule(r));
        }
        return list;
    }

    public static void writeQuery(WireWriter w, QueryResult q) {
        w.str(q.status().name());
        writeModules(w, q.matching());
        writeModules(w, q.others());
    }

    public static QueryResult readQuery(WireReader r) throws WireException {
        ModuleStatus status = status(r.str());
        return new QueryResult(status, readModules(r), readModules(r));
    }

    public static void writeRequest(WireWriter w, ModuleRequest q) {
        Requester who = q.requester();
        w.i64(q.id()).i64(millis(q.time()));
        w.str(who.vmId()).str(who.image()).str(who.user()).bool(who.admin()).str(who.source());
        w.str(q.verb().name()).str(q.target()).str(q.status().name()).str(q.message()).bool(q.restartRequired());
    }

    public static ModuleRequest readRequest(WireReader r) throws WireException {
        long id = r.i64();
        Instant time = time(r.i64());
        Requester who = new Requester(r.str(), r.str(), r.str(), r.bool(), r.str());
        Verb verb = enumValue(Verb.class, r.str(), "verb");
        String target = r.str();
        ModuleStatus status = status(r.str());
        return new ModuleRequest(id, time, who, verb, target, status, r.str(), r.bool());
    }

    /**
     * A status name as a {@link ModuleStatus}: one this side does not know (a newer host, or a wire-only status such
     * as {@link ModuleWire#UNAVAILABLE}) is {@link ModuleStatus#FAILED}, never an error — the name still reaches the
     * user through {@link ModuleAnswer#status()}.
     */
    public static ModuleStatus status(String name) {
        try {
            return ModuleStatus.valueOf(name);
        } catch (IllegalArgumentException e) {
            return ModuleStatus.FAILED;
        }
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String name, String what) throws WireException {
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            throw new WireException("unknown " + what + " '" + (name.length() > 40 ? name.substring(0, 40) : name) + "'");
        }
    }

    private static long millis(Instant t) {
        return t == null ? NO_TIME : t.toEpochMilli();
    }

    private static Instant time(long millis) throws WireException {
        if (millis == NO_TIME) {
            return null;
        }
        try {
            return Instant.ofEpochMilli(millis);
        } catch (RuntimeException e) {
            throw new WireException("time " + millis);
        }
    }
}
