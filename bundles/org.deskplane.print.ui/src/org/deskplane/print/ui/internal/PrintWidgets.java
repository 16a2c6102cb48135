package org.deskplane.print.ui.internal;

import org.deskplane.workbench.platform.ui.support.Widgets;

/** This bundle's widget helpers: ids go under the key the print UI tests look controls up by. */
final class PrintWidgets {

    /** Widget data key, so that UI tests find controls without depending on layout or labels. */
    static final Widgets WIDGETS = new Widgets("org.deskplane.print.ui.widget");

    private PrintWidgets() {
    }
}
