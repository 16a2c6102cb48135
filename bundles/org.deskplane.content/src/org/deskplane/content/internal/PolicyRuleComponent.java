package org.deskplane.content.internal;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.deskplane.content.api.PolicyRuleSpec;
import org.deskplane.security.api.Role;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One policy rule from one factory configuration of {@value #PID}. A malformed rule is refused at activation
 * (the component does not come up and the configuration error is logged by SCR), so it never silently allows.
 */
@Component(service = PolicyRuleComponent.class, configurationPid = PolicyRuleComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = PolicyRuleComponent.Config.class, factory = true)
public final class PolicyRuleComponent {
    public static final String PID = "org.deskplane.content.policy";

    @ObjectClassDefinition(name = "Deskplane content policy rule")
    public @interface Config {
        String name();

        @AttributeDefinition(description = "Lower first; the first matching rule decides")
        int order() default 100;

        @AttributeDefinition(description = "ALLOW, DENY or POWER_ON (start the desktop instead of mounting its disk)")
        String effect();

        @AttributeDefinition(description = "READ, WRITE; empty: both")
        String[] operations() default {};

        String[] users() default {};

        @AttributeDefinition(description = "USER, OPERATOR, ADMIN: applies to users whose role includes one")
        String[] roles() default {};

        @AttributeDefinition(description = "Data source id globs, e.g. vm:*, share:projects")
        String[] sources() default {};

        @AttributeDefinition(description = "Path globs: * within a segment, ** across segments")
        String[] paths() default {};

        @AttributeDefinition(description = "Client networks in CIDR notation")
        String[] networks() default {};

        @AttributeDefinition(description = "desktop, tablet, phone")
        String[] formFactors() default {};

        @AttributeDefinition(description = "MONDAY … SUNDAY")
        String[] days() default {};

        @AttributeDefinition(description = "Daily window start, HH:mm (with 'to')")
        String from() default "";

        @AttributeDefinition(description = "Daily window end, HH:mm, exclusive; before 'from' spans midnight")
        String to() default "";

        @AttributeDefinition(description = "Time zone of the window and days")
        String zone() default "UTC";
    }

    private final PolicyRule rule;
    private final PolicyRuleSpec spec;

    @Activate
    public PolicyRuleComponent(Config config) {
        this.rule = toRule(spec(config));
        this.spec = spec(config);
    }

    public PolicyRule rule() {
        return rule;
    }

    public PolicyRuleSpec spec() {
        return spec;
    }

    static PolicyRuleSpec spec(Config config) {
        return new PolicyRuleSpec(config.name(), config.order(), config.effect(), List.of(config.operations()),
                List.of(config.users()), List.of(config.roles()), List.of(config.sources()), List.of(config.paths()),
                List.of(config.networks()), List.of(config.formFactors()), List.of(config.days()), config.from(),
                config.to(), config.zone());
    }

    /**
     * The rule a spec describes.
     *
     * @throws IllegalArgumentException naming the first field that is wrong
     */
    static PolicyRule toRule(PolicyRuleSpec spec) {
        if (spec.name() == null || spec.name().isBlank()) {
            throw new IllegalArgumentException("a rule needs a name");
        }
        return new PolicyRule(spec.name(), spec.order(),
                parse("effect", spec.effect() == null ? "" : spec.effect(), PolicyRule.Effect::valueOf),
                upper("operations", spec.operations(), PolicyRule.Operation::valueOf), Set.copyOf(spec.users()),
                upper("roles", spec.roles(), Role::valueOf), spec.sources(), spec.paths(),
                spec.networks().stream().map(PolicyRule.Network::parse).toList(),
                spec.formFactors().stream().map(f -> f.strip().toLowerCase(Locale.ROOT)).collect(Collectors.toSet()),
                upper("days", spec.days(), DayOfWeek::valueOf), time("from", spec.from()), time("to", spec.to()),
                zone(spec.zone()));
    }

    private static <T> T parse(String field, String value, Function<String, T> parser) {
        try {
            return parser.apply(value.strip().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(field + ": '" + value + "' is not one of the allowed values");
        }
    }

    private static <T> Set<T> upper(String field, List<String> values, Function<String, T> parser) {
        return values.stream().map(String::strip).filter(v -> !v.isEmpty()).map(v -> parse(field, v, parser))
                .collect(Collectors.toSet());
    }

    private static LocalTime time(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalTime.parse(value.strip());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(field + ": '" + value + "' is not a time of day (HH:mm)");
        }
    }

    private static ZoneId zone(String value) {
        try {
            return ZoneId.of(value.strip());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("zone: '" + value + "' is not a time zone");
        }
    }
}
