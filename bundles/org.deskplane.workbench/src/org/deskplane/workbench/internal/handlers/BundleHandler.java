package org.deskplane.workbench.internal.handlers;

import org.deskplane.bundles.api.BundleInfo;
import org.deskplane.bundles.api.BundleManager;
import org.deskplane.workbench.OperationRunner;
import org.deskplane.workbench.WorkbenchTopics;
import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.swt.widgets.Shell;

import jakarta.inject.Named;

/** What the start/stop/update/uninstall handlers share: needs a selected bundle and a bundle manager. */
abstract class BundleHandler {

    // the selection is taken as Object: it may be a FeatureInfo (features table), which is not for us
    @CanExecute
    boolean canExecute(@Optional @Named(IServiceConstants.ACTIVE_SELECTION) Object selected,
            @Optional BundleManager manager) {
        return selected instanceof BundleInfo && manager != null;
    }

    @Execute
    void execute(@Named(IServiceConstants.ACTIVE_SELECTION) Object selection, BundleManager manager,
            OperationRunner runner, IEventBroker broker, @Optional @Named(IServiceConstants.ACTIVE_SHELL) Shell shell) {
        if (!(selection instanceof BundleInfo selected) || !confirm(shell, selected)) {
            return;
        }
        String description = verb() + " " + selected.symbolicName() + " (" + selected.id() + ")";
        runner.run(description, () -> {
            apply(manager, selected);
            return description;
        }, done -> broker.post(WorkbenchTopics.BUNDLES_CHANGED, done));
    }

    abstract String verb();

    abstract void apply(BundleManager manager, BundleInfo bundle);

    /** Asked on the UI thread before anything is sent; true to go on. */
    boolean confirm(Shell shell, BundleInfo bundle) {
        return true;
    }
}
