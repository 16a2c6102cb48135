package org.deskplane.content.internal;

import java.net.InetAddress;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.deskplane.content.api.RequestContext;
import org.deskplane.security.api.Role;

/**
 * One content policy rule: when every condition that is set matches a request, {@link #effect} decides it. An
 * empty set or list means "any"; {@code from}/{@code to} null means all day.
 *
 * @param name        for audit records and errors
 * @param order       rules are tried in ascending order; the first match decides
 * @param effect      allow, deny, or power the desktop on instead of mounting its disk
 * @param operations  READ and/or WRITE
 * @param users       user names
 * @param roles       the rule applies to users whose role includes one of these
 * @param sources     data source id globs ("vm:*", "share:projects")
 * @param paths       path globs ('*' within a segment, '**' across segments): "/home/**", "/Users/*&#47;Desktop"
 * @param networks    client networks
 * @param formFactors "desktop", "tablet", "phone"
 * @param days        days of the week, in {@code zone}
 * @param from        start of the daily window, in {@code zone}
 * @param to          end of the daily window (exclusive); before {@code from} means it spans midnight
 * @param zone        the time zone of the window
 */
public record PolicyRule(String name, int order, Effect effect, Set<Operation> operations, Set<String> users,
        Set<Role> roles, List<String> sources, List<String> paths, List<Network> networks, Set<String> formFactors,
        Set<DayOfWeek> days, LocalTime from, LocalTime to, ZoneId zone) {

    public enum Effect { ALLOW, DENY, POWER_ON }

    public enum Operation { READ, WRITE }

    public PolicyRule {
        operations = Set.copyOf(operations);
        users = Set.copyOf(users);
        roles = Set.copyOf(roles);
        sources = List.copyOf(sources);
        paths = List.copyOf(paths);
        networks = List.copyOf(networks);
        formFactors = Set.copyOf(formFactors);
        days = Set.copyOf(days);
        zone = zone == null ? ZoneId.of("UTC") : zone;
    }

    boolean matches(RequestContext context, String sourceId, String path, Operation operation, ZonedDateTime now) {
        if (!operations.isEmpty() && !operations.contains(operation)) {
            return false;
        }
        if (!users.isEmpty() && !users.contains(context.user())) {
            return false;
        }
        if (!roles.isEmpty() && roles.stream().noneMatch(context.role()::includes)) {
            return false;
        }
        if (!sources.isEmpty() && sources.stream().noneMatch(glob -> Globs.matches(glob, sourceId, false))) {
            return false;
        }
        if (!paths.isEmpty() && paths.stream().noneMatch(glob -> Globs.matches(glob, path, true))) {
            return false;
        }
        if (!networks.isEmpty() && networks.stream().noneMatch(n -> n.contains(context.address()))) {
            return false;
        }
        if (!formFactors.isEmpty() && !formFactors.contains(context.formFactor())) {
            return false;
        }
        ZonedDateTime local = now.withZoneSameInstant(zone);
        if (!days.isEmpty() && !days.contains(local.getDayOfWeek())) {
            return false;
        }
        return inWindow(local.toLocalTime());
    }

    private boolean inWindow(LocalTime time) {
        if (from == null || to == null) {
            return true;
        }
        if (from.isBefore(to)) {
            return !time.isBefore(from) && time.isBefore(to);
        }
        // e.g. 22:00–06:00
        return !time.isBefore(from) || time.isBefore(to);
    }

    /** An IPv4 or IPv6 network in CIDR notation. */
    public record Network(byte[] prefix, int bits) {

        public static Network parse(String cidr) {
            int slash = cidr.indexOf('/');
            try {
                String literal = slash < 0 ? cidr.strip() : cidr.substring(0, slash).strip();
                // only address literals: getByName would look a host name up in DNS
                if (literal.isEmpty() || !literal.matches("[0-9A-Fa-f:.]+")) {
                    throw new IllegalArgumentException("not an IP address: " + literal);
                }
                InetAddress address = InetAddress.getByName(literal);
                byte[] bytes = address.getAddress();
                int bits = slash < 0 ? bytes.length * 8 : Integer.parseInt(cidr.substring(slash + 1).strip());
                if (bits < 0 || bits > bytes.length * 8) {
                    throw new IllegalArgumentException("prefix length out of range in " + cidr);
                }
                return new Network(bytes, bits);
            } catch (RuntimeException | java.net.UnknownHostException e) {
                throw new IllegalArgumentException("not a network in CIDR notation: " + cidr, e);
            }
        }

        boolean contains(InetAddress address) {
            if (address == null) {
                return false;
            }
            byte[] bytes = address.getAddress();
            if (bytes.length != prefix.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (bytes[i] != prefix[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xff << (8 - rest) & 0xff;
            return (bytes[full] & mask) == (prefix[full] & mask);
        }
    }

    /** Globs over '/'-separated paths and over plain identifiers. */
    static final class Globs {
        private static final java.util.Map<String, Pattern> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

        private Globs() {
        }

        static boolean matches(String glob, String value, boolean pathSyntax) {
            return CACHE.computeIfAbsent((pathSyntax ? "p:" : "i:") + glob, key -> compile(glob, pathSyntax))
                    .matcher(value).matches();
        }

        private static Pattern compile(String glob, boolean pathSyntax) {
            StringBuilder regex = new StringBuilder();
            for (int i = 0; i < glob.length(); i++) {
                char c = glob.charAt(i);
                if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                    regex.append(".*");
                    i++;
                } else if (c == '*') {
                    regex.append(pathSyntax ? "[^/]*" : ".*");
                } else if (c == '?') {
                    regex.append(pathSyntax ? "[^/]" : ".");
                } else {
                    regex.append(Pattern.quote(String.valueOf(c)));
                }
            }
            // "/home/**" also matches "/home" itself
            String compiled = regex.toString();
            if (pathSyntax && glob.endsWith("/**")) {
                compiled = compiled.substring(0, compiled.length() - ("\\Q/\\E.*".length())) + "(/.*)?";
            }
            return Pattern.compile(compiled);
        }
    }
}
