package org.deskplane.print.policy;

import java.util.List;

/**
 * One print policy rule. Every condition that is set must match; an empty list means "any". Globs use {@code *}
 * (any characters) and {@code ?} (one character), compared without regard to case.
 *
 * @param name         unique, 1–64 of {@code [A-Za-z0-9._-]}
 * @param order        rules are tried in ascending order (then by name); the first that matches decides
 * @param effect       allow or deny
 * @param users        globs of the Deskplane user printing
 * @param vms          globs of the VM's name or UUID
 * @param pools        globs of the VM's pool (its {@code pool} metadata)
 * @param printers     globs of the printer: its VM printer id ({@code <driver>.<id>}) or its name
 * @param applications globs of the application the guest names for the job (a rule with applications set does
 *                     not match a request whose application is unknown, such as listing printers)
 * @param nearestOnly  for ALLOW: only the printers nearest to the VM (location rule) are allowed; the others are
 *                     denied by this rule
 */
public record PrintPolicyRule(String name, int order, Effect effect, List<String> users, List<String> vms,
        List<String> pools, List<String> printers, List<String> applications, boolean nearestOnly) {

    public enum Effect {
        ALLOW, DENY
    }

    public PrintPolicyRule {
        users = users == null ? List.of() : List.copyOf(users);
        vms = vms == null ? List.of() : List.copyOf(vms);
        pools = pools == null ? List.of() : List.copyOf(pools);
        printers = printers == null ? List.of() : List.copyOf(printers);
        applications = applications == null ? List.of() : List.copyOf(applications);
    }
}
