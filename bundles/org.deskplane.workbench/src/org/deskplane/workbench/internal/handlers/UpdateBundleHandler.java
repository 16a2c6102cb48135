package org.deskplane.workbench.internal.handlers;

import org.deskplane.bundles.api.BundleInfo;
import org.deskplane.bundles.api.BundleManager;

/** Updates the selected bundle from the location it was installed from. */
public class UpdateBundleHandler extends BundleHandler {

    @Override
    String verb() {
        return "Update";
    }

    @Override
    void apply(BundleManager manager, BundleInfo bundle) {
        manager.update(bundle.id(), null);
    }
}
