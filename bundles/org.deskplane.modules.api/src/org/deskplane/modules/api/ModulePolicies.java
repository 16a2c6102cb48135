package org.deskplane.modules.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** The administrator's module policy: which VMs and images may use which verbs, for which modules and signers. */
@ProviderType
public interface ModulePolicies {

    List<PolicyRule> rules();

    /** Adds or replaces (by id); the rule is checked for sense first ({@link ModuleStatus#INVALID}). */
    PolicyRule put(PolicyRule rule);

    boolean delete(String id);

    /**
     * The decision for a guest: null when allowed, else the reason it is denied.
     *
     * @param signer the module's signer (subject and fingerprint), or null when the verb is not about a stored module
     */
    String deniedReason(Requester requester, Verb verb, String symbolicName, SignerInfo signer);
}
