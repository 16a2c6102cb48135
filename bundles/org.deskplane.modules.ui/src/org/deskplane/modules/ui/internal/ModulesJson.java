package org.deskplane.modules.ui.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.deskplane.modules.api.ModuleInfo;
import org.deskplane.modules.api.ModuleRequest;
import org.deskplane.modules.api.ModuleState;
import org.deskplane.modules.api.ModuleStatus;
import org.deskplane.modules.api.PolicyRule;
import org.deskplane.modules.api.Registration;
import org.deskplane.modules.api.Requester;
import org.deskplane.modules.api.TrustedCertificate;
import org.deskplane.modules.api.Verb;

import com.fasterxml.jackson.databind.JsonNode;

/** The modules routes' JSON as the API's records (unknown enum names from a newer server are tolerated). */
final class ModulesJson {

    private ModulesJson() {
    }

    static List<JsonNode> array(JsonNode node) {
        List<JsonNode> out = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(out::add);
        }
        return out;
    }

    static ModuleInfo module(JsonNode n) {
        return new ModuleInfo(text(n, "symbolicName"), text(n, "version"), text(n, "sha256"), n.path("size").asLong(),
                text(n, "signer"), text(n, "signerSha256"), state(text(n, "state")), text(n, "message"),
                instant(n.get("storedAt")));
    }

    static ModuleRequest request(JsonNode n) {
        Requester requester = new Requester(text(n, "vmId"), text(n, "image"), text(n, "user"),
                n.path("admin").asBoolean(), text(n, "source"));
        return new ModuleRequest(n.path("id").asLong(), instant(n.get("time")), requester, verb(text(n, "verb")),
                text(n, "target"), status(text(n, "status")), text(n, "message"),
                n.path("restartRequired").asBoolean());
    }

    static Registration registration(JsonNode n) {
        return new Registration(text(n, "image"), text(n, "symbolicName"), text(n, "version"),
                text(n, "registeredBy"), instant(n.get("time")));
    }

    static TrustedCertificate certificate(JsonNode n) {
        return new TrustedCertificate(text(n, "alias"), text(n, "subject"), text(n, "issuer"),
                instant(n.get("notBefore")), instant(n.get("notAfter")), text(n, "sha256"));
    }

    static PolicyRule rule(JsonNode n) {
        Set<Verb> verbs = new LinkedHashSet<>();
        for (JsonNode v : array(n.get("verbs"))) {
            Verb verb = verb(v.asText());
            if (verb != null) {
                verbs.add(verb);
            }
        }
        return new PolicyRule(text(n, "id"), n.path("order").asInt(), strings(n.get("vms")), strings(n.get("images")),
                verbs, strings(n.get("modules")), strings(n.get("signers")), n.path("allow").asBoolean());
    }

    /** A rule as the PUT body (the id is in the path). */
    static java.util.Map<String, Object> body(PolicyRule r) {
        java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("order", r.order());
        body.put("vms", List.copyOf(r.vms()));
        body.put("images", List.copyOf(r.images()));
        body.put("verbs", r.verbs().stream().map(Enum::name).toList());
        body.put("modules", List.copyOf(r.modules()));
        body.put("signers", List.copyOf(r.signers()));
        body.put("allow", r.allow());
        return body;
    }

    private static Set<String> strings(JsonNode node) {
        Set<String> out = new LinkedHashSet<>();
        array(node).forEach(v -> out.add(v.asText()));
        return out;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }

    private static Instant instant(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isNumber()) {
            return Instant.ofEpochMilli((long) (v.asDouble() * 1000));
        }
        try {
            return Instant.parse(v.asText());
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static ModuleState state(String name) {
        try {
            return ModuleState.valueOf(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static ModuleStatus status(String name) {
        try {
            return ModuleStatus.valueOf(name);
        } catch (IllegalArgumentException e) {
            return ModuleStatus.FAILED;
        }
    }

    private static Verb verb(String name) {
        try {
            return Verb.valueOf(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
