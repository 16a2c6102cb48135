package org.deskplane.modules.api;

import java.util.Set;

/**
 * One rule of the module policy. Rules are checked in {@code order}; the first rule that matches the VM, image,
 * verb and module decides. With no matching rule a guest is denied (a guest is never trusted by default).
 *
 * @param id      unique name
 * @param order   lower first
 * @param vms     VM ids or names it applies to ("*" for any; glob with *)
 * @param images  VM images it applies to ("*" for any)
 * @param verbs   verbs it covers (empty = all)
 * @param modules module symbolic names it covers (glob; empty = all)
 * @param signers signer subjects or SHA-256 fingerprints a module must be signed by (empty = any trusted signer)
 * @param allow   allow or deny
 * (A null set is taken as empty.)
 */
public record PolicyRule(String id, int order, Set<String> vms, Set<String> images, Set<Verb> verbs,
        Set<String> modules, Set<String> signers, boolean allow) {

    public PolicyRule {
        vms = vms == null ? Set.of() : Set.copyOf(vms);
        images = images == null ? Set.of() : Set.copyOf(images);
        verbs = verbs == null ? Set.of() : Set.copyOf(verbs);
        modules = modules == null ? Set.of() : Set.copyOf(modules);
        signers = signers == null ? Set.of() : Set.copyOf(signers);
    }
}
