package org.deskplane.modules.wire;

import java.util.List;
import java.util.regex.Pattern;

import org.deskplane.modules.api.ModuleException;
import org.deskplane.modules.api.ModuleInfo;
import org.deskplane.modules.api.ModuleRequest;
import org.deskplane.modules.api.ModuleStatus;
import org.deskplane.modules.api.QueryResult;

/**
 * Every answer of the module protocol: a status name (a {@link ModuleStatus} name, or one of the bridge's own,
 * {@link ModuleWire#UNAVAILABLE} and {@link ModuleWire#UNKNOWN_VM}), a message for humans, and at most one payload.
 * A refusal is a normal answer, so the guest learns the reason rather than the channel's "handler-failed".
 *
 * @param status  status name
 * @param message why, or what happened; "" when there is nothing to say
 * @param module  the stored module (answer to an upload), or null
 * @param query   the query result (answer to a query), or null
 * @param request the request as the host recorded it (answer to load, unload, register, unregister, replace,
 *                configure, status), or null
 */
public record ModuleAnswer(String status, String message, ModuleInfo module, QueryResult query, ModuleRequest request) {

    private static final Pattern STATUS = Pattern.compile("[A-Z][A-Z0-9_]{0,39}");
    private static final int NONE = 0;
    private static final int MODULE = 1;
    private static final int QUERY = 2;
    private static final int REQUEST = 3;

    public ModuleAnswer {
        if (status == null || !STATUS.matcher(status).matches()) {
            throw new IllegalArgumentException("status name '" + status + "'");
        }
        message = message == null ? "" : message;
        int payloads = (module == null ? 0 : 1) + (query == null ? 0 : 1) + (request == null ? 0 : 1);
        if (payloads > 1) {
            throw new IllegalArgumentException("an answer carries at most one payload");
        }
    }

    public static ModuleAnswer of(ModuleStatus status, String message) {
        return new ModuleAnswer(status.name(), message, null, null, null);
    }

    public static ModuleAnswer of(String status, String message) {
        return new ModuleAnswer(status, message, null, null, null);
    }

    public static ModuleAnswer of(ModuleException e) {
        return of(e.status() == null ? ModuleStatus.FAILED : e.status(), e.getMessage());
    }

    public static ModuleAnswer of(ModuleInfo module) {
        return new ModuleAnswer(ModuleStatus.OK.name(), "stored " + module.id(), module, null, null);
    }

    public static ModuleAnswer of(QueryResult query) {
        return new ModuleAnswer(query.status().name(), describe(query), null, query, null);
    }

    public static ModuleAnswer of(ModuleRequest request) {
        return new ModuleAnswer(request.status().name(), request.message(), null, null, request);
    }

    public boolean ok() {
        return ModuleStatus.OK.name().equals(status);
    }

    /** The status as the API knows it; wire-only and unknown names are {@link ModuleStatus#FAILED}. */
    public ModuleStatus moduleStatus() {
        return ModuleCodec.status(status);
    }

    public byte[] toBytes() {
        WireWriter w = WireWriter.body().str(status).str(message);
        if (module != null) {
            ModuleCodec.writeModule(w.u8(MODULE), module);
        } else if (query != null) {
            ModuleCodec.writeQuery(w.u8(QUERY), query);
        } else if (request != null) {
            ModuleCodec.writeRequest(w.u8(REQUEST), request);
        } else {
            w.u8(NONE);
        }
        return w.toBytes();
    }

    /**
     * Like {@link #toBytes()}, but never more than {@link ModuleWire#MAX_ANSWER} bytes: a query answer's lists are
     * cut to {@link ModuleWire#MAX_ANSWER_MODULES} each and then halved until it fits (newest versions are first, so
     * they are kept); anything else that does not fit loses its payload.
     */
    public byte[] toBoundedBytes() {
        ModuleAnswer a = this;
        if (query != null) {
            a = withQuery(cut(query.matching(), ModuleWire.MAX_ANSWER_MODULES), cut(query.others(), ModuleWire.MAX_ANSWER_MODULES));
        }
        byte[] bytes = a.toBytes();
        while (bytes.length > ModuleWire.MAX_ANSWER && a.query != null
                && (!a.query.matching().isEmpty() || !a.query.others().isEmpty())) {
            a = a.withQuery(cut(a.query.matching(), a.query.matching().size() / 2), cut(a.query.others(), a.query.others().size() / 2));
            bytes = a.toBytes();
        }
        if (bytes.length > ModuleWire.MAX_ANSWER) {
            bytes = of(status, message).toBytes();
        }
        return bytes;
    }

    private ModuleAnswer withQuery(List<ModuleInfo> matching, List<ModuleInfo> others) {
        return new ModuleAnswer(status, message, null, new QueryResult(query.status(), matching, others), null);
    }

    private static List<ModuleInfo> cut(List<ModuleInfo> list, int max) {
        return list.size() <= max ? list : list.subList(0, max);
    }

    public static ModuleAnswer read(byte[] body) throws WireException {
        WireReader r = WireReader.of(body);
        String status = r.str();
        if (!STATUS.matcher(status).matches()) {
            throw new WireException("status name '" + (status.length() > 40 ? status.substring(0, 40) : status) + "'");
        }
        String message = r.str();
        int kind = r.u8();
        ModuleAnswer answer = switch (kind) {
            case NONE -> new ModuleAnswer(status, message, null, null, null);
            case MODULE -> new ModuleAnswer(status, message, ModuleCodec.readModule(r), null, null);
            case QUERY -> new ModuleAnswer(status, message, null, ModuleCodec.readQuery(r), null);
            case REQUEST -> new ModuleAnswer(status, message, null, null, ModuleCodec.readRequest(r));
            default -> throw new WireException("answer payload kind " + kind);
        };
        r.end();
        return answer;
    }

    private static String describe(QueryResult q) {
        return switch (q.status()) {
            case OK -> q.matching().size() + " matching version(s)";
            case OTHER_VERSIONS -> "only other versions present: " + String.join(", ",
                    q.others().stream().limit(10).map(ModuleInfo::version).toList());
            case NOT_FOUND -> "no such module";
            default -> "";
        };
    }
}
