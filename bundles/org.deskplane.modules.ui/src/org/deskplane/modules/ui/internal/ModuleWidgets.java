package org.deskplane.modules.ui.internal;

import org.deskplane.workbench.platform.ui.support.Widgets;

/** This bundle's widget helpers: ids go under the key the modules UI tests look controls up by. */
final class ModuleWidgets {

    /** Widget data key, so that UI tests find controls without depending on layout or labels. */
    static final Widgets WIDGETS = new Widgets("org.deskplane.modules.ui.widget");

    private ModuleWidgets() {
    }
}
