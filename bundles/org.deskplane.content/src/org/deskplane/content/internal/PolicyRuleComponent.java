package org.deskplane.content.internal;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

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

    @Activate
    public PolicyRuleComponent(Config config) {
        this.rule = toRule(config);
    }

    public PolicyRule rule() {
        return rule;
    }

    static PolicyRule toRule(Config config) {
        return new PolicyRule(config.name(), config.order(),
                PolicyRule.Effect.valueOf(config.effect().strip().toUpperCase(Locale.ROOT)),
                upper(config.operations(), PolicyRule.Operation::valueOf), Arrays.stream(config.users()).collect(Collectors.toSet()),
                upper(config.roles(), Role::valueOf), Arrays.asList(config.sources()), Arrays.asList(config.paths()),
                Arrays.stream(config.networks()).map(PolicyRule.Network::parse).toList(),
                Arrays.stream(config.formFactors()).map(f -> f.strip().toLowerCase(Locale.ROOT)).collect(Collectors.toSet()),
                upper(config.days(), DayOfWeek::valueOf),
                config.from().isBlank() ? null : LocalTime.parse(config.from().strip()),
                config.to().isBlank() ? null : LocalTime.parse(config.to().strip()), ZoneId.of(config.zone().strip()));
    }

    private static <T> java.util.Set<T> upper(String[] values, Function<String, T> parse) {
        return Arrays.stream(values).map(String::strip).filter(v -> !v.isEmpty())
                .map(v -> parse.apply(v.toUpperCase(Locale.ROOT))).collect(Collectors.toSet());
    }
}
