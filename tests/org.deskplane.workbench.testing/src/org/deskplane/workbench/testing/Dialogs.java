package org.deskplane.workbench.testing;

import java.time.Duration;
import java.util.function.Function;

import org.eclipse.e4.ui.internal.workbench.E4Workbench;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;

/** Modal dialogs of a running workbench, driven from a test thread: open by a button, press, read, close. */
public final class Dialogs {

    private Dialogs() {
    }

    /**
     * Presses the button {@code button} finds (on the UI thread) later, so this call returns before the dialog's
     * modal loop starts, then waits for a visible shell titled {@code title}.
     */
    public static Shell openBy(RunningWorkbench workbench, Duration timeout, Function<E4Workbench, Control> button,
            String title) throws InterruptedException {
        workbench.ui(wb -> {
            Control action = button.apply(wb);
            Display.getCurrent().asyncExec(() -> action.notifyListeners(SWT.Selection, new Event()));
            return null;
        });
        return workbench.await("dialog " + title, timeout, wb -> visible(title));
    }

    /** Presses the button labelled {@code label} in {@code shell}. */
    public static void press(RunningWorkbench workbench, Shell shell, String label) {
        workbench.ui(wb -> {
            Button button = WorkbenchModel.findButton(shell, label);
            if (button == null) {
                throw new AssertionError("no button " + label + " in " + shell.getText());
            }
            button.notifyListeners(SWT.Selection, new Event());
            return null;
        });
    }

    /** Waits for a visible shell titled {@code title} and returns the text of all its labels. */
    public static String awaitText(RunningWorkbench workbench, Duration timeout, String title) throws InterruptedException {
        return workbench.await("dialog " + title, timeout, wb -> {
            Shell shell = visible(title);
            return shell == null ? null : labels(shell);
        });
    }

    /** Closes every shell titled {@code title}. */
    public static void close(RunningWorkbench workbench, String title) {
        workbench.ui(wb -> {
            for (Shell shell : Display.getCurrent().getShells()) {
                if (shell.getText().equals(title)) {
                    shell.close();
                }
            }
            return null;
        });
    }

    /** The text of every label below {@code parent}, space-separated. */
    public static String labels(Composite parent) {
        StringBuilder text = new StringBuilder();
        for (Control child : parent.getChildren()) {
            if (child instanceof Label label) {
                text.append(label.getText()).append(' ');
            } else if (child instanceof Composite composite) {
                text.append(labels(composite));
            }
        }
        return text.toString();
    }

    private static Shell visible(String title) {
        for (Shell shell : Display.getCurrent().getShells()) {
            if (shell.isVisible() && shell.getText().equals(title)) {
                return shell;
            }
        }
        return null;
    }
}
