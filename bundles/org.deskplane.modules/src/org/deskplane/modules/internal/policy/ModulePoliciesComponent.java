package org.deskplane.modules.internal.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

import org.deskplane.modules.api.ModuleException;
import org.deskplane.modules.api.ModulePolicies;
import org.deskplane.modules.api.ModuleStatus;
import org.deskplane.modules.api.PolicyRule;
import org.deskplane.modules.api.Requester;
import org.deskplane.modules.api.SignerInfo;
import org.deskplane.modules.api.Verb;
import org.deskplane.modules.internal.DataDirectory;
import org.deskplane.modules.internal.store.AtomicFiles;
import org.deskplane.modules.internal.store.Json;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import com.fasterxml.jackson.core.type.TypeReference;

/** The module policy, kept in {@code ${deskplane.data}/modules/policy.json}. */
@Component(service = ModulePolicies.class)
public final class ModulePoliciesComponent implements ModulePolicies {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._\\-]{0,99}");

    private Path file;
    private volatile List<PolicyRule> rules = List.of();

    @Activate
    void activate(BundleContext context) throws IOException {
        Path dir = Files.createDirectories(DataDirectory.modules(context));
        file = dir.resolve("policy.json");
        if (Files.exists(file)) {
            rules = List.copyOf(Json.MAPPER.readValue(file.toFile(), new TypeReference<List<PolicyRule>>() {
            }));
        }
    }

    @Override
    public List<PolicyRule> rules() {
        return rules.stream().sorted(Comparator.comparingInt(PolicyRule::order).thenComparing(PolicyRule::id)).toList();
    }

    @Override
    public synchronized PolicyRule put(PolicyRule rule) {
        check(rule);
        List<PolicyRule> changed = new ArrayList<>(rules);
        changed.removeIf(r -> r.id().equals(rule.id()));
        changed.add(rule);
        save(changed);
        return rule;
    }

    @Override
    public synchronized boolean delete(String id) {
        List<PolicyRule> changed = new ArrayList<>(rules);
        boolean removed = changed.removeIf(r -> r.id().equals(id));
        if (removed) {
            save(changed);
        }
        return removed;
    }

    @Override
    public String deniedReason(Requester requester, Verb verb, String symbolicName, SignerInfo signer) {
        return PolicyEvaluation.deniedReason(rules, requester, verb, symbolicName, signer);
    }

    private void save(List<PolicyRule> changed) {
        try {
            AtomicFiles.write(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(changed));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the module policy", e);
        }
        rules = List.copyOf(changed);
    }

    private static void check(PolicyRule rule) {
        if (rule == null || rule.id() == null || !ID.matcher(rule.id()).matches()) {
            throw new ModuleException(ModuleStatus.INVALID,
                    "a policy rule needs an id of letters, digits, '.', '_' or '-' (at most 100)");
        }
        if (rule.vms().isEmpty()) {
            throw new ModuleException(ModuleStatus.INVALID, "policy rule " + rule.id()
                    + " names no VMs; use \"*\" to mean every VM");
        }
        if (rule.images().isEmpty()) {
            throw new ModuleException(ModuleStatus.INVALID, "policy rule " + rule.id()
                    + " names no images; use \"*\" to mean every image");
        }
        for (String value : concat(rule)) {
            if (value == null || value.isBlank() || value.length() > 200) {
                throw new ModuleException(ModuleStatus.INVALID, "policy rule " + rule.id()
                        + " has an empty or over-long pattern");
            }
        }
    }

    private static List<String> concat(PolicyRule rule) {
        List<String> all = new ArrayList<>(rule.vms());
        all.addAll(rule.images());
        all.addAll(rule.modules());
        all.addAll(rule.signers());
        return all;
    }
}
