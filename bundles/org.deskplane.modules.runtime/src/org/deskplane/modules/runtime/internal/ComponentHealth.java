package org.deskplane.modules.runtime.internal;

import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * Declarative Services components that throw in their activate method do not fail Bundle.start: SCR logs and
 * marks them FAILED_ACTIVATION. This reads their state after start so the runtime can report them.
 */
final class ComponentHealth {

    /** Problems of a module's components; {@code failed} when one failed to activate. */
    record Report(boolean failed, List<String> problems) {
    }

    static Report check(ServiceComponentRuntime scr, Bundle bundle) {
        List<String> problems = new ArrayList<>();
        boolean failed = false;
        if (scr == null) {
            return new Report(false, problems);
        }
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs(bundle)) {
            for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                if (configuration.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                    failed = true;
                    problems.add("component " + description.name + " failed to activate: " + configuration.failure);
                } else if (configuration.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE) {
                    List<String> missing = new ArrayList<>();
                    for (var reference : configuration.unsatisfiedReferences) {
                        missing.add(reference.name + " " + reference.target);
                    }
                    problems.add("component " + description.name + " has unsatisfied references " + missing
                            + " (a service the region does not grant?)");
                }
            }
        }
        return new Report(failed, problems);
    }

    private ComponentHealth() {
    }
}
