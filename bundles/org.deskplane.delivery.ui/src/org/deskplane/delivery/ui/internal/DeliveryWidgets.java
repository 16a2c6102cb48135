package org.deskplane.delivery.ui.internal;

import org.deskplane.workbench.platform.ui.support.Widgets;

/** This bundle's widget helpers: ids go under the key the delivery UI tests look controls up by. */
final class DeliveryWidgets {

    static final Widgets WIDGETS = new Widgets("org.deskplane.delivery.ui.widget");

    private DeliveryWidgets() {
    }
}
