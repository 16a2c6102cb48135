package org.deskplane.content.ui.internal;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;

/** Small SWT helpers shared by the parts; widgets carry an id under {@link #KEY} so that UI tests find them. */
final class Widgets {

    /** Widget data key, so that UI tests find controls without depending on layout or labels. */
    static final String KEY = "org.deskplane.content.ui.widget";

    private Widgets() {
    }

    static Composite row(Composite parent, int columns) {
        Composite row = new Composite(parent, SWT.NONE);
        GridLayout layout = new GridLayout(columns, false);
        layout.marginHeight = 0;
        row.setLayout(layout);
        row.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        return row;
    }

    static Button button(Composite parent, String id, String label, String tooltip, Runnable action) {
        Button button = new Button(parent, SWT.PUSH);
        button.setText(label);
        button.setToolTipText(tooltip);
        button.setData(KEY, id);
        button.addListener(SWT.Selection, e -> action.run());
        return button;
    }
}
