package org.deskplane.content.api;

import java.util.List;

/**
 * A content policy rule as administrators write it (see {@link ContentPolicies}). Empty lists mean "any";
 * {@code from}/{@code to} empty mean all day.
 *
 * @param name        unique; identifies the rule
 * @param order       lower first; the first rule whose conditions all match decides
 * @param effect      ALLOW, DENY or POWER_ON (start the desktop instead of mounting its disk)
 * @param operations  READ, WRITE
 * @param users       user names
 * @param roles       USER, OPERATOR, ADMIN: the rule applies to users whose role includes one
 * @param sources     data source id globs ("vm:*", "share:projects")
 * @param paths       path globs: '*' within a segment, '**' across segments
 * @param networks    client networks in CIDR notation
 * @param formFactors desktop, tablet, phone
 * @param days        MONDAY … SUNDAY
 * @param from        daily window start, HH:mm
 * @param to          daily window end, HH:mm, exclusive; before {@code from} spans midnight
 * @param zone        time zone of the window and days (default UTC)
 */
public record PolicyRuleSpec(String name, int order, String effect, List<String> operations, List<String> users,
        List<String> roles, List<String> sources, List<String> paths, List<String> networks, List<String> formFactors,
        List<String> days, String from, String to, String zone) {

    public PolicyRuleSpec {
        operations = copy(operations);
        users = copy(users);
        roles = copy(roles);
        sources = copy(sources);
        paths = copy(paths);
        networks = copy(networks);
        formFactors = copy(formFactors);
        days = copy(days);
        from = from == null ? "" : from;
        to = to == null ? "" : to;
        zone = zone == null || zone.isBlank() ? "UTC" : zone;
    }

    private static List<String> copy(List<String> values) {
        return values == null ? List.of() : List.copyOf(values);
    }
}
