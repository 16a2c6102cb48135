package org.deskplane.content.api;

import java.io.IOException;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** The content policy rules, for administrators (the Policies editor, {@code /api/profile/policies}). */
@ProviderType
public interface ContentPolicies {

    /** Every rule, in the order they are tried. */
    List<PolicyRuleSpec> list() throws IOException;

    /**
     * Creates the rule, or replaces the one of the same name. Takes effect for the next request.
     *
     * @throws ContentException {@link ContentException.Reason#INVALID} naming what is wrong (an unknown effect,
     *         a malformed network, time or zone)
     */
    PolicyRuleSpec put(String actor, PolicyRuleSpec rule) throws IOException;

    /** Deletes the rule; {@link ContentException.Reason#NOT_FOUND} when there is none of that name. */
    void delete(String actor, String name) throws IOException;
}
