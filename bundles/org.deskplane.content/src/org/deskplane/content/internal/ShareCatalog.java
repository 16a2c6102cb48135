package org.deskplane.content.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.deskplane.content.api.ContentLocation;
import org.deskplane.content.api.DataSource;
import org.deskplane.content.api.RequestContext;
import org.deskplane.content.api.SourceKind;
import org.deskplane.security.api.Role;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One share, from one factory configuration of {@value #PID}: a directory (or a mounted network share) served
 * to the listed users and roles, and to administrators.
 */
@Component(service = SourceCatalog.class, configurationPid = ShareCatalog.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ShareCatalog.Config.class, factory = true)
public final class ShareCatalog implements SourceCatalog {
    public static final String PID = "org.deskplane.content.share";

    @ObjectClassDefinition(name = "Deskplane content share")
    public @interface Config {
        @AttributeDefinition(description = "Short name; the data source id is share:<name>")
        String name();

        @AttributeDefinition(description = "The directory served (a local path or a mounted network share)")
        String root();

        @AttributeDefinition(description = "User names that see this share (empty: decided by roles only)")
        String[] users() default {};

        @AttributeDefinition(description = "Roles whose members see it (USER, OPERATOR, ADMIN)")
        String[] roles() default {};

        @AttributeDefinition(description = "Whether the share may be written at all (policies still decide each request)")
        boolean writable() default false;
    }

    private final DataSource source;
    private final ContentLocation location;
    private final Set<String> users;
    private final Set<Role> roles;

    @Activate
    public ShareCatalog(Config config) {
        String id = "share:" + config.name();
        this.source = new DataSource(id, SourceKind.SHARE, config.name(), "available", "share", config.writable(), "");
        this.location = new ContentLocation(id, "share", Map.of("root", config.root(), "writable",
                Boolean.toString(config.writable())));
        this.users = Set.of(config.users());
        this.roles = Arrays.stream(config.roles()).map(String::strip).filter(r -> !r.isEmpty())
                .map(r -> Role.valueOf(r.toUpperCase(java.util.Locale.ROOT))).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public List<Entry> sourcesOf(RequestContext context) {
        // administrators see every share, so the workbench can browse any user's sources
        boolean entitled = context.role() == Role.ADMIN || users.contains(context.user())
                || roles.stream().anyMatch(context.role()::includes);
        return entitled ? List.of(new Entry(source, location)) : List.of();
    }
}
