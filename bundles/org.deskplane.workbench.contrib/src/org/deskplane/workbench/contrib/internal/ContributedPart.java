package org.deskplane.workbench.contrib.internal;

import org.deskplane.workbench.contrib.api.PartContribution;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/**
 * The part object of every contributed part: hands its composite to the contribution. A module's failure shows
 * in the part instead of breaking the workbench.
 */
public final class ContributedPart {

    private static final System.Logger LOG = System.getLogger(ContributedPart.class.getName());

    @Inject
    private ContributionLookup lookup;

    private PartContribution contribution;

    @PostConstruct
    void create(Composite parent, MPart part) {
        parent.setLayout(new FillLayout());
        contribution = lookup.find(part.getElementId());
        if (contribution == null) {
            new Label(parent, SWT.WRAP).setText("The module that contributed this part is no longer loaded.");
            return;
        }
        try {
            contribution.createContent(parent);
        } catch (RuntimeException | LinkageError e) {
            LOG.log(System.Logger.Level.ERROR, "module part " + part.getElementId() + " failed", e);
            new Label(parent, SWT.WRAP).setText("The module's part failed: " + e);
            contribution = null;
        }
    }

    @PreDestroy
    void dispose() {
        if (contribution == null) {
            return;
        }
        try {
            contribution.dispose();
        } catch (RuntimeException | LinkageError e) {
            LOG.log(System.Logger.Level.WARNING, "module part dispose failed", e);
        }
    }
}
