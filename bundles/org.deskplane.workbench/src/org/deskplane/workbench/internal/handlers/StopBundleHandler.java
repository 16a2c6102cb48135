package org.deskplane.workbench.internal.handlers;

import org.deskplane.bundles.api.BundleInfo;
import org.deskplane.bundles.api.BundleManager;

/** Stops the selected bundle. */
public class StopBundleHandler extends BundleHandler {

    @Override
    String verb() {
        return "Stop";
    }

    @Override
    void apply(BundleManager manager, BundleInfo bundle) {
        manager.stop(bundle.id());
    }
}
