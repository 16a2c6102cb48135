package org.deskplane.workbench.testing;

import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;

/**
 * Finds the controls a part tags for its tests with {@code control.setData(dataKey, id)}, depth first. Call it on
 * the UI thread.
 */
public final class Widgets {

    private Widgets() {
    }

    /** The first control below {@code parent} whose data under {@code dataKey} is {@code id}, or null. */
    public static Control byId(Composite parent, String dataKey, String id) {
        if (parent == null) {
            return null;
        }
        for (Control child : parent.getChildren()) {
            if (id.equals(child.getData(dataKey))) {
                return child;
            }
            if (child instanceof Composite composite) {
                Control found = byId(composite, dataKey, id);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
