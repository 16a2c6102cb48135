package org.deskplane.vmdiff.ui.internal;

import org.deskplane.workbench.platform.ui.support.Widgets;

/** This bundle's widget helpers: ids go under the key UI tests look controls up by. */
final class VmdiffWidgets {

    static final Widgets WIDGETS = new Widgets("org.deskplane.vmdiff.ui.widget");

    private VmdiffWidgets() {
    }
}
