package org.deskplane.module.greeting.internal;

import java.time.Instant;

import org.deskplane.workbench.contrib.api.PartContribution;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * A part saying hello and when the module was loaded: the smallest UI a module can add to the workbench. Its
 * widgets carry {@link #WIDGET_KEY} data so that tests find them.
 */
@Component
public final class GreetingPart implements PartContribution {

    public static final String ID = "org.deskplane.module.greeting";
    public static final String GREETING = "Hello from a module";
    /** Widget data key: "greeting" on the label, "facts" on the table. */
    public static final String WIDGET_KEY = "org.deskplane.module.greeting.widget";

    private Instant loadedAt;
    private Composite content;

    @Activate
    void activate() {
        loadedAt = Instant.now();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String label() {
        return "Greeting";
    }

    @Override
    public String menuLabel() {
        return "Show greeting";
    }

    @Override
    public void createContent(Composite parent) {
        content = new Composite(parent, SWT.NONE);
        content.setLayout(new GridLayout(1, false));
        Label greeting = new Label(content, SWT.NONE);
        greeting.setText(GREETING);
        greeting.setData(WIDGET_KEY, "greeting");
        Table facts = new Table(content, SWT.BORDER | SWT.FULL_SELECTION);
        facts.setData(WIDGET_KEY, "facts");
        facts.setHeaderVisible(true);
        facts.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        for (String title : new String[] { "What", "Value" }) {
            new TableColumn(facts, SWT.NONE).setText(title);
        }
        row(facts, "Module", ID);
        row(facts, "Loaded at", loadedAt.toString());
        for (TableColumn column : facts.getColumns()) {
            column.pack();
        }
    }

    private static void row(Table table, String what, String value) {
        new TableItem(table, SWT.NONE).setText(new String[] { what, value });
    }

    @Override
    public void dispose() {
        content = null; // the widgets are disposed with the part; nothing else is held
    }
}
