package org.deskplane.modules.api;

import java.util.List;

/**
 * The answer to "is this module present?".
 *
 * @param status   {@link ModuleStatus#OK} (found: {@code matching} holds the versions in range, newest first),
 *                 {@link ModuleStatus#NOT_FOUND} or {@link ModuleStatus#OTHER_VERSIONS} ({@code others} holds them)
 * @param matching versions present in the asked range
 * @param others   versions present outside the asked range
 */
public record QueryResult(ModuleStatus status, List<ModuleInfo> matching, List<ModuleInfo> others) {

    public QueryResult {
        matching = List.copyOf(matching);
        others = List.copyOf(others);
    }
}
