package org.deskplane.workbench.internal.handlers;

import org.deskplane.bundles.api.BundleInfo;
import org.deskplane.bundles.api.BundleManager;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;

/** Uninstalls the selected bundle, after asking: it cannot be undone from here. */
public class UninstallBundleHandler extends BundleHandler {

    @Override
    String verb() {
        return "Uninstall";
    }

    @Override
    void apply(BundleManager manager, BundleInfo bundle) {
        manager.uninstall(bundle.id());
    }

    @Override
    boolean confirm(Shell shell, BundleInfo bundle) {
        return MessageDialog.openConfirm(shell, "Uninstall bundle", "Uninstall " + bundle.symbolicName() + " "
                + bundle.version() + " (" + bundle.id() + ") from the server?");
    }
}
