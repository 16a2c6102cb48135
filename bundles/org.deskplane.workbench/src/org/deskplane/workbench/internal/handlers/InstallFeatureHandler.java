package org.deskplane.workbench.internal.handlers;

import java.net.URI;

import org.deskplane.bundles.api.BundleManager;
import org.deskplane.workbench.OperationRunner;
import org.deskplane.workbench.WorkbenchIds;
import org.deskplane.workbench.WorkbenchTopics;
import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Shell;

import jakarta.inject.Named;

/**
 * Installs a feature from a p2 update site. The site and feature id come as command parameters (the
 * Bundles part's fields) or, when missing, from input dialogs.
 */
public class InstallFeatureHandler {

    @CanExecute
    boolean canExecute(@Optional BundleManager manager) {
        return manager != null;
    }

    @Execute
    void execute(@Optional @Named(WorkbenchIds.PARAMETER_REPOSITORY) String repository,
            @Optional @Named(WorkbenchIds.PARAMETER_FEATURE_ID) String featureId, BundleManager manager,
            OperationRunner runner, IEventBroker broker, @Optional @Named(IServiceConstants.ACTIVE_SHELL) Shell shell) {
        String site = blank(repository) ? ask(shell, "Update site URL", "https://") : repository.trim();
        if (site == null) {
            return;
        }
        String feature = blank(featureId) ? ask(shell, "Feature id", "") : featureId.trim();
        if (feature == null) {
            return;
        }
        URI siteUri;
        try {
            siteUri = URI.create(site);
        } catch (IllegalArgumentException e) {
            MessageDialog.openError(shell, "Install feature", "Not a URL: " + site + " (" + e.getMessage() + ")");
            return;
        }
        String description = "Install feature " + feature + " from " + site;
        runner.run(description, () -> manager.installFeature(siteUri, feature, null),
                installed -> broker.post(WorkbenchTopics.BUNDLES_CHANGED, description));
    }

    private static String ask(Shell shell, String what, String initial) {
        InputDialog dialog = new InputDialog(shell, "Install feature", what + ":", initial,
                text -> text.isBlank() ? what + " is required" : null);
        return dialog.open() == Window.OK ? dialog.getValue().trim() : null;
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
