package org.deskplane.delivery.rest.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.deskplane.delivery.api.DeliveryOptions;
import org.deskplane.delivery.api.DeploymentRequest;
import org.deskplane.delivery.api.PayloadRef;
import org.deskplane.delivery.api.PoweredOffPolicy;
import org.deskplane.delivery.api.TargetSelector;
import org.deskplane.rest.api.ApiException;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads the body of {@code POST /delivery/deployments} into a {@link DeploymentRequest}. Every problem is a 400 that
 * names the field. Unknown fields are refused too: a misspelt {@code globalConcurency} silently ignored would run a
 * rollout at the default concurrency, which is worse than an error.
 */
final class DeploymentBody {

    static final int MAX_LIST = 10_000;
    private static final Set<String> TOP = Set.of("name", "payloads", "targets", "options");
    private static final Set<String> TARGETS = Set.of("vmIds", "names", "pools", "tags");
    private static final Set<String> OPTIONS = Set.of("methods", "poweredOff", "agentTimeoutSeconds",
            "processingTimeoutSeconds", "detachTimeoutSeconds", "maxRetries", "globalConcurrency", "perHostConcurrency",
            "failureThreshold");
    private static final long MAX_SECONDS = Duration.ofDays(7).toSeconds();

    private DeploymentBody() {
    }

    static DeploymentRequest parse(JsonNode body) {
        object(body, "the body", TOP);
        String name = body.hasNonNull("name") ? text(body.get("name"), "name") : null;
        List<PayloadRef> payloads = payloads(body.get("payloads"));
        JsonNode t = body.get("targets");
        if (t == null || t.isNull()) {
            throw bad("targets is required: {vmIds, names, pools, tags}");
        }
        object(t, "targets", TARGETS);
        TargetSelector targets = new TargetSelector(strings(t, "vmIds", "targets."), strings(t, "names", "targets."),
                strings(t, "pools", "targets."), strings(t, "tags", "targets."));
        if (targets.isEmpty()) {
            throw bad("targets names no VM: give vmIds, names, pools or tags");
        }
        return new DeploymentRequest(name, payloads, targets, options(body.get("options")));
    }

    private static List<PayloadRef> payloads(JsonNode node) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw bad("payloads is required: a non-empty array of {id, version}");
        }
        if (node.size() > MAX_LIST) {
            throw bad("payloads: more than " + MAX_LIST);
        }
        List<PayloadRef> refs = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode p = node.get(i);
            String where = "payloads[" + i + "]";
            object(p, where, Set.of("id", "version"));
            if (!p.hasNonNull("id") || !p.hasNonNull("version")) {
                throw bad(where + " needs id and version");
            }
            refs.add(new PayloadRef(text(p.get("id"), where + ".id"), text(p.get("version"), where + ".version")));
        }
        return refs;
    }

    private static DeliveryOptions options(JsonNode o) {
        if (o == null || o.isNull()) {
            return DeliveryOptions.DEFAULTS;
        }
        object(o, "options", OPTIONS);
        DeliveryOptions d = DeliveryOptions.DEFAULTS;
        PoweredOffPolicy poweredOff = d.poweredOff();
        if (o.hasNonNull("poweredOff")) {
            String raw = text(o.get("poweredOff"), "options.poweredOff");
            try {
                poweredOff = PoweredOffPolicy.valueOf(raw.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw bad("options.poweredOff: '" + raw + "' is not one of " + List.of(PoweredOffPolicy.values()));
            }
        }
        Duration processing = o.hasNonNull("processingTimeoutSeconds")
                ? Duration.ofSeconds(number(o, "processingTimeoutSeconds", 1, MAX_SECONDS)) : d.processingTimeout();
        try {
            return new DeliveryOptions(o.has("methods") ? strings(o, "methods", "options.") : d.methods(), poweredOff,
                    seconds(o, "agentTimeoutSeconds", d.agentTimeout()), processing,
                    seconds(o, "detachTimeoutSeconds", d.detachTimeout()),
                    (int) integer(o, "maxRetries", d.maxRetries(), 0, 20),
                    (int) integer(o, "globalConcurrency", d.globalConcurrency(), 1, 10_000),
                    (int) integer(o, "perHostConcurrency", d.perHostConcurrency(), 1, 10_000),
                    (int) integer(o, "failureThreshold", d.failureThreshold(), 0, 1_000_000));
        } catch (IllegalArgumentException e) {
            throw bad("options: " + e.getMessage());
        }
    }

    private static Duration seconds(JsonNode o, String field, Duration fallback) {
        return o.hasNonNull(field) ? Duration.ofSeconds(number(o, field, 1, MAX_SECONDS)) : fallback;
    }

    private static long integer(JsonNode o, String field, long fallback, long min, long max) {
        return o.hasNonNull(field) ? number(o, field, min, max) : fallback;
    }

    private static long number(JsonNode o, String field, long min, long max) {
        JsonNode v = o.get(field);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw bad("options." + field + " must be a whole number, not " + v);
        }
        long value = v.asLong();
        if (value < min || value > max) {
            throw bad("options." + field + " must be between " + min + " and " + max + ": " + value);
        }
        return value;
    }

    private static List<String> strings(JsonNode parent, String field, String prefix) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw bad(prefix + field + " must be an array of strings");
        }
        if (node.size() > MAX_LIST) {
            throw bad(prefix + field + ": more than " + MAX_LIST + " entries");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode v : node) {
            String s = text(v, prefix + field + "[]").strip();
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    private static String text(JsonNode v, String where) {
        if (v == null || !v.isTextual()) {
            throw bad(where + " must be a string");
        }
        return v.asText();
    }

    private static void object(JsonNode node, String where, Set<String> allowed) {
        if (node == null || !node.isObject()) {
            throw bad(where + " must be a JSON object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String field = names.next();
            if (!allowed.contains(field)) {
                throw bad(where + ": unknown field '" + field + "' (known: " + allowed.stream().sorted().toList() + ")");
            }
        }
    }

    private static ApiException bad(String detail) {
        return ApiException.badRequest(detail);
    }
}
