package org.deskplane.layers.ui.internal;

import org.deskplane.workbench.platform.ui.support.Widgets;

/** This bundle's widget helpers: ids go under the key UI tests look controls up by. */
final class LayersWidgets {

    static final Widgets WIDGETS = new Widgets("org.deskplane.layers.ui.widget");

    private LayersWidgets() {
    }
}
