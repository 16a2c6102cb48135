package org.deskplane.layers.api;

import java.util.EnumSet;
import java.util.Set;

/** Which layers of a CVD an endpoint clones, chosen by binding rules from the endpoint's hardware and OS. */
public enum Scope {
    /** Everything but the machine identity; drivers are the set matching the endpoint's hardware. */
    FULL(EnumSet.of(Layer.BASE_OS, Layer.DRIVERS, Layer.APPLICATIONS, Layer.PROFILE, Layer.USER_FILES)),
    /** Onto a device-specific base: applications, profile and user files; the endpoint keeps its own OS and drivers. */
    REBASE(EnumSet.of(Layer.APPLICATIONS, Layer.PROFILE, Layer.USER_FILES)),
    /** Another OS or layout: user files only, placed through path mapping rules. */
    USER_ONLY(EnumSet.of(Layer.USER_FILES));

    private final Set<Layer> layers;

    Scope(Set<Layer> layers) {
        this.layers = layers;
    }

    public Set<Layer> layers() {
        return EnumSet.copyOf(layers);
    }

    public boolean includes(Layer layer) {
        return layers.contains(layer);
    }
}
