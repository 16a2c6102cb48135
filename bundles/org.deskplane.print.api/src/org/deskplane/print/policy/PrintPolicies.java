package org.deskplane.print.policy;

import java.util.List;

import org.deskplane.print.api.PrintException;
import org.osgi.annotation.versioning.ProviderType;

/** The print policy rules, kept where the router reads them; writes are validated and audited. */
@ProviderType
public interface PrintPolicies {

    /** @return the rules, in the order they are tried. */
    List<PrintPolicyRule> list() throws PrintException;

    /**
     * Adds the rule, or replaces the rule of the same name.
     *
     * @throws PrintException {@link PrintException.Kind#INVALID} naming what is wrong with the rule
     */
    PrintPolicyRule put(String actor, PrintPolicyRule rule) throws PrintException;

    /** @throws PrintException {@link PrintException.Kind#NOT_FOUND} when there is no rule of that name */
    void delete(String actor, String name) throws PrintException;
}
