package org.deskplane.content.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.deskplane.content.api.RequestContext;
import org.deskplane.content.internal.PolicyRule.Effect;
import org.deskplane.content.internal.PolicyRule.Network;
import org.deskplane.content.internal.PolicyRule.Operation;
import org.deskplane.security.api.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Rule × request: each case names the rules, the request and the clock, and the decision expected. */
class PolicyEngineTest {

    /** Wednesday 2026-11-18, 10:30 UTC (11:30 in Berlin). */
    private static final Instant WEDNESDAY_MORNING = Instant.parse("2026-11-18T10:30:00Z");
    /** Wednesday 2026-11-18, 23:30 UTC. */
    private static final Instant WEDNESDAY_NIGHT = Instant.parse("2026-11-18T23:30:00Z");
    /** Saturday 2026-11-21, 10:30 UTC. */
    private static final Instant SATURDAY = Instant.parse("2026-11-21T10:30:00Z");

    private static PolicyRule rule(String name, int order, Effect effect) {
        return new PolicyRule(name, order, effect, Set.of(), Set.of(), Set.of(), List.of(), List.of(), List.of(),
                Set.of(), Set.of(), null, null, null);
    }

    private static PolicyRule with(PolicyRule r, Set<Operation> operations, Set<String> users, Set<Role> roles,
            List<String> sources, List<String> paths, List<Network> networks, Set<String> formFactors,
            Set<DayOfWeek> days, LocalTime from, LocalTime to, ZoneId zone) {
        return new PolicyRule(r.name(), r.order(), r.effect(), operations, users, roles, sources, paths, networks,
                formFactors, days, from, to, zone);
    }

    private static RequestContext alice(String address, String formFactor) throws Exception {
        return new RequestContext("alice", Role.USER, InetAddress.getByName(address), formFactor);
    }

    static Stream<Arguments> cases() throws Exception {
        PolicyRule denyAll = rule("deny-all", 10, Effect.DENY);
        PolicyRule writeHome = with(rule("write-home", 10, Effect.ALLOW), Set.of(Operation.WRITE), Set.of(), Set.of(),
                List.of(), List.of("/home/**"), List.of(), Set.of(), Set.of(), null, null, null);
        PolicyRule officeHours = with(rule("office-hours", 10, Effect.DENY), Set.of(), Set.of(), Set.of(), List.of(),
                List.of(), List.of(), Set.of(), Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), null, null, null);
        PolicyRule nightly = with(rule("no-nights", 10, Effect.DENY), Set.of(), Set.of(), Set.of(), List.of(), List.of(),
                List.of(), Set.of(), Set.of(), LocalTime.of(22, 0), LocalTime.of(6, 0), ZoneId.of("UTC"));
        PolicyRule berlinMorning = with(rule("berlin-morning-only", 10, Effect.DENY), Set.of(), Set.of(), Set.of(),
                List.of(), List.of(), List.of(), Set.of(), Set.of(), LocalTime.of(12, 0), LocalTime.of(23, 59),
                ZoneId.of("Europe/Berlin"));
        PolicyRule lan = with(rule("lan-only-writes", 10, Effect.ALLOW), Set.of(Operation.WRITE), Set.of(), Set.of(),
                List.of(), List.of(), List.of(Network.parse("10.0.0.0/8"), Network.parse("fd00::/8")), Set.of(), Set.of(),
                null, null, null);
        PolicyRule noPhones = with(rule("no-phones", 10, Effect.DENY), Set.of(), Set.of(), Set.of(), List.of(),
                List.of("/secret/**"), List.of(), Set.of("phone"), Set.of(), null, null, null);
        PolicyRule opsOnly = with(rule("operators-write", 10, Effect.ALLOW), Set.of(Operation.WRITE), Set.of(),
                Set.of(Role.OPERATOR), List.of(), List.of(), List.of(), Set.of(), Set.of(), null, null, null);
        PolicyRule powerOn = with(rule("power-on-desktops", 10, Effect.POWER_ON), Set.of(), Set.of(), Set.of(),
                List.of("vm:*"), List.of(), List.of(), Set.of(), Set.of(), null, null, null);
        PolicyRule bobDenied = with(rule("not-bob", 5, Effect.DENY), Set.of(), Set.of("bob"), Set.of(), List.of(),
                List.of(), List.of(), Set.of(), Set.of(), null, null, null);
        PolicyRule laterAllow = rule("later-allow", 50, Effect.ALLOW);
        PolicyRule earlierDeny = with(rule("earlier-deny", 20, Effect.DENY), Set.of(), Set.of(), Set.of(), List.of(),
                List.of("/private/*"), List.of(), Set.of(), Set.of(), null, null, null);
        RequestContext office = alice("10.1.2.3", "desktop");
        RequestContext home = alice("203.0.113.9", "desktop");
        RequestContext phone = alice("10.1.2.3", "phone");
        RequestContext ipv6Lan = alice("fd12::1", "desktop");
        RequestContext operator = new RequestContext("olga", Role.OPERATOR, InetAddress.getByName("10.0.0.1"), "desktop");
        RequestContext bob = new RequestContext("bob", Role.USER, InetAddress.getByName("10.0.0.2"), "desktop");
        return Stream.of(
                Arguments.of("no rules: read allowed", List.of(), office, "vm:a", "/x", Operation.READ, WEDNESDAY_MORNING, Effect.ALLOW),
                Arguments.of("no rules: write denied", List.of(), office, "vm:a", "/x", Operation.WRITE, WEDNESDAY_MORNING, Effect.DENY),
                Arguments.of("deny all", List.of(denyAll), office, "vm:a", "/x", Operation.READ, WEDNESDAY_MORNING, Effect.DENY),
                Arguments.of("write below /home", List.of(writeHome), office, "share:p", "/home/alice/a.txt", Operation.WRITE, WEDNESDAY_MORNING, Effect.ALLOW),
                Arguments.of("/home itself matches /home/**", List.of(writeHome), office, "share:p", "/home", Operation.WRITE, WEDNESDAY_MORNING, Effect.ALLOW),
                Arguments.of("write outside /home", List.of(writeHome), office, "share:p", "/etc/passwd", Operation.WRITE, WEDNESDAY_MORNING, Effect.DENY),
                Arguments.of("/homework is not /home", List.of(writeHome), office, "share:p", "/homework", Operation.WRITE, WEDNESDAY_MORNING, Effect.DENY),
                Arguments.of("weekday passes a weekend ban", List.of(officeHours), office, "vm:a", "/x", Operation.READ, WEDNESDAY_MORNING, Effect.ALLOW),
                Arguments.of("weekend ban on Saturday", List.of(officeHours), office, "vm:a", "/x", Operation.READ, SATURDAY, Effect.DENY),
                Arguments.of("night window spanning midnight, at 23:30", List.of(nightly), office, "vm:a", "/x", Operation.READ, WEDNESDAY_NIGHT, Effect.DENY),
                Arguments.of("night window, at 10:30", List.of(nightly), office, "vm:a", "/x", Operation.READ, WEDNESDAY_MORNING, Effect.ALLOW),
                Arguments.of("window in Berlin time: 11:30 there", List.of(berlinMorning), office, "vm:a", "/x", Operation.READ, WEDNESDAY_MORNING, Effect.ALLOW),
                Arguments.of("LAN write from 10/8", List.of(lan), office, "share:p", "/a", Operation.WRITE, WEDNESDAY_MORNING, Effect.ALLOW),
                Arguments.of("LAN write from IPv6 ULA", List.of(lan), ipv6Lan, "share:p", "/a", Operation.WRITE, WEDNESDAY_MORNING, Effect.ALLOW),
                Arguments.of("LAN write from outside", List.of(lan), home, "share:p", "/a", Operation.WRITE, WEDNESDAY_MORNING, Effect.DENY),
                Arguments.of("phone on /secret", List.of(noPhones), phone, "vm:a", "/secret/plan.txt", Operation.READ, WEDNESDAY_MORNING, Effect.DENY),
                Arguments.of("desktop on /secret", List.of(noPhones), office, "vm:a", "/secret/plan.txt", Operation.READ, WEDNESDAY_MORNING, Effect.ALLOW),
                Arguments.of("operator role writes", List.of(opsOnly), operator, "share:p", "/a", Operation.WRITE, WEDNESDAY_MORNING, Effect.ALLOW),
                Arguments.of("user role does not", List.of(opsOnly), office, "share:p", "/a", Operation.WRITE, WEDNESDAY_MORNING, Effect.DENY),
                Arguments.of("power on desktops", List.of(powerOn), office, "vm:demo-1:42", "/", Operation.READ, WEDNESDAY_MORNING, Effect.POWER_ON),
                Arguments.of("power on not for shares", List.of(powerOn), office, "share:p", "/", Operation.READ, WEDNESDAY_MORNING, Effect.ALLOW),
                Arguments.of("user rule hits bob", List.of(bobDenied, laterAllow), bob, "vm:a", "/x", Operation.READ, WEDNESDAY_MORNING, Effect.DENY),
                Arguments.of("user rule spares alice", List.of(bobDenied, laterAllow), office, "vm:a", "/x", Operation.WRITE, WEDNESDAY_MORNING, Effect.ALLOW),
                Arguments.of("lower order wins", List.of(laterAllow, earlierDeny), office, "vm:a", "/private/x", Operation.READ, WEDNESDAY_MORNING, Effect.DENY),
                Arguments.of("* stays in one segment", List.of(laterAllow, earlierDeny), office, "vm:a", "/private/x/y", Operation.WRITE, WEDNESDAY_MORNING, Effect.ALLOW));
    }

    @TestFactory
    Stream<DynamicTest> decides() throws Exception {
        return cases().map(Arguments::get).map(a -> DynamicTest.dynamicTest((String) a[0], () -> {
            @SuppressWarnings("unchecked")
            List<PolicyRule> rules = (List<PolicyRule>) a[1];
            PolicyEngine engine = new PolicyEngine(Clock.fixed((Instant) a[6], ZoneId.of("UTC")));
            assertEquals(a[7], engine.decide(rules, (RequestContext) a[2], (String) a[3], (String) a[4],
                    (Operation) a[5]).effect(), (String) a[0]);
        }));
    }

    /** One case: name, rules, context, source, path, operation, clock instant, expected effect. */
    record Arguments(Object... values) {
        static Arguments of(Object... values) {
            return new Arguments(values);
        }

        Object[] get() {
            return values;
        }
    }

    @Test
    void theDecisionNamesTheRule() throws Exception {
        PolicyEngine engine = new PolicyEngine(Clock.fixed(WEDNESDAY_MORNING, ZoneId.of("UTC")));
        assertEquals("deny-all", engine.decide(List.of(rule("deny-all", 1, Effect.DENY)), alice("10.0.0.1", "desktop"),
                "vm:a", "/", Operation.READ).rule());
        assertEquals("default", engine.decide(List.of(), alice("10.0.0.1", "desktop"), "vm:a", "/", Operation.READ).rule());
    }

    @Test
    void malformedNetworksAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Network.parse("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> Network.parse("intranet.example.com/8"));
        assertThrows(IllegalArgumentException.class, () -> Network.parse("10.0.0/x"));
    }
}
