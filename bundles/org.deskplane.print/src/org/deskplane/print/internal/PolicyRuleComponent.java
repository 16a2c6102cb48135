package org.deskplane.print.internal;

import java.util.List;

import org.deskplane.print.policy.PrintPolicyRule;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One print policy rule from one factory configuration of {@value #PID}. A malformed rule does not activate (SCR
 * logs why), so it never silently allows; {@link PoliciesComponent} refuses such rules before storing them.
 */
@Component(service = PolicyRuleComponent.class, configurationPid = PolicyRuleComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = PolicyRuleComponent.Config.class, factory = true)
public final class PolicyRuleComponent {
    public static final String PID = "org.deskplane.print.policy";

    @ObjectClassDefinition(name = "Deskplane print policy rule")
    public @interface Config {
        @AttributeDefinition(description = "Unique name, [A-Za-z0-9._-]{1,64}")
        String name();

        @AttributeDefinition(description = "Lower first; the first matching rule decides")
        int order() default 100;

        @AttributeDefinition(description = "ALLOW or DENY")
        String effect();

        @AttributeDefinition(description = "Globs of Deskplane user names")
        String[] users() default {};

        @AttributeDefinition(description = "Globs of VM names or UUIDs")
        String[] vms() default {};

        @AttributeDefinition(description = "Globs of VM pools (VM metadata 'pool')")
        String[] pools() default {};

        @AttributeDefinition(description = "Globs of printers: <driver>.<id> or the printer's name")
        String[] printers() default {};

        @AttributeDefinition(description = "Globs of the application that prints, as the guest names it")
        String[] applications() default {};

        @AttributeDefinition(description = "ALLOW only the printers nearest to the VM (location rule)")
        boolean nearestOnly() default false;
    }

    private final PrintPolicyRule rule;

    @Activate
    public PolicyRuleComponent(Config config) {
        this.rule = PolicyRules.validated(PolicyRules.parse(config.name(), config.order(), config.effect(),
                List.of(config.users()), List.of(config.vms()), List.of(config.pools()), List.of(config.printers()),
                List.of(config.applications()), config.nearestOnly()));
    }

    public PrintPolicyRule rule() {
        return rule;
    }
}
