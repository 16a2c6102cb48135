package org.deskplane.workbench.internal.handlers;

import org.deskplane.bundles.api.BundleInfo;
import org.deskplane.bundles.api.BundleManager;

/** Starts the selected bundle. */
public class StartBundleHandler extends BundleHandler {

    @Override
    String verb() {
        return "Start";
    }

    @Override
    void apply(BundleManager manager, BundleInfo bundle) {
        manager.start(bundle.id());
    }
}
