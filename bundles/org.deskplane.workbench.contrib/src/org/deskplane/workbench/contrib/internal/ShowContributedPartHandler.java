package org.deskplane.workbench.contrib.internal;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.workbench.modeling.EPartService;

import jakarta.inject.Named;

/** The "Modules" menu items' command: shows and activates the contributed part named by the parameter. */
public final class ShowContributedPartHandler {

    @Execute
    void execute(@Named(ContribIds.PARAMETER_PART_ID) String partId, EPartService parts) {
        parts.showPart(partId, EPartService.PartState.ACTIVATE);
    }
}
