package org.deskplane.workbench.internal.handlers;

import org.deskplane.bundles.api.BundleManager;
import org.deskplane.bundles.api.FeatureInfo;
import org.deskplane.workbench.OperationRunner;
import org.deskplane.workbench.WorkbenchTopics;
import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;

import jakarta.inject.Named;

/**
 * Uninstalls the selected feature (and the bundles it brought that nothing else needs), after asking: it
 * cannot be undone from here.
 */
public class UninstallFeatureHandler {

    @CanExecute
    boolean canExecute(@Optional @Named(IServiceConstants.ACTIVE_SELECTION) Object selected,
            @Optional BundleManager manager) {
        return selected instanceof FeatureInfo && manager != null;
    }

    @Execute
    void execute(@Named(IServiceConstants.ACTIVE_SELECTION) Object selected, BundleManager manager,
            OperationRunner runner, IEventBroker broker, @Optional @Named(IServiceConstants.ACTIVE_SHELL) Shell shell) {
        if (!(selected instanceof FeatureInfo feature)) {
            return;
        }
        if (!MessageDialog.openConfirm(shell, "Uninstall feature", "Uninstall feature " + feature.id() + " "
                + feature.version() + " and the " + feature.bundles().size()
                + " bundles it brought that no other feature needs?")) {
            return;
        }
        String description = "Uninstall feature " + feature.id();
        runner.run(description, () -> {
            manager.uninstallFeature(feature.id());
            return description;
        }, done -> broker.post(WorkbenchTopics.BUNDLES_CHANGED, done));
    }
}
