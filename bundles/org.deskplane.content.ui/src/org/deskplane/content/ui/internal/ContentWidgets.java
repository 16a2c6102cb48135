package org.deskplane.content.ui.internal;

import org.deskplane.workbench.platform.ui.support.Widgets;

/** This bundle's widget helpers: ids go under the key the content UI tests look controls up by. */
final class ContentWidgets {

    /** Widget data key, so that UI tests find controls without depending on layout or labels. */
    static final Widgets WIDGETS = new Widgets("org.deskplane.content.ui.widget");

    private ContentWidgets() {
    }
}
