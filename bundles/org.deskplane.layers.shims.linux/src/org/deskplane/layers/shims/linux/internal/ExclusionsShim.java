package org.deskplane.layers.shims.linux.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.deskplane.layers.spi.LayerShim;
import org.deskplane.layers.spi.ShimContext;
import org.deskplane.layers.spi.ShimHook;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Before an upload scan: declares what a Linux endpoint never uploads ({@link Exclusions#DEFAULTS} plus configured
 * additions). The sync client applies {@link #exclusions()}; this shim changes nothing on disk.
 */
@Component(service = LayerShim.class, configurationPid = ExclusionsShim.PID)
@Designate(ocd = ExclusionsShim.Config.class)
public final class ExclusionsShim implements LayerShim {

    static final String PID = "org.deskplane.layers.shims.linux.exclusions";

    @ObjectClassDefinition(name = "Deskplane Linux upload exclusions")
    public @interface Config {
        @AttributeDefinition(description = "Additional globs relative to the root that are never uploaded")
        String[] additionalExclusions() default {};
    }

    private volatile Exclusions exclusions = new Exclusions(Exclusions.DEFAULTS);

    @Activate
    @Modified
    void configure(Config config) {
        List<String> all = new ArrayList<>(Exclusions.DEFAULTS);
        for (String extra : config.additionalExclusions()) {
            if (!extra.isBlank()) {
                all.add(extra.strip());
            }
        }
        exclusions = new Exclusions(all);
    }

    @Override
    public String osFamily() {
        return "linux";
    }

    @Override
    public String name() {
        return "exclusions";
    }

    @Override
    public Set<ShimHook> hooks() {
        return Set.of(ShimHook.PRE_UPLOAD);
    }

    @Override
    public int order() {
        return 0;
    }

    @Override
    public List<String> exclusions() {
        return exclusions.globs();
    }

    @Override
    public void run(ShimHook hook, ShimContext context) {
        context.log("exclusions: " + exclusions.globs().size() + " patterns never uploaded");
    }
}
