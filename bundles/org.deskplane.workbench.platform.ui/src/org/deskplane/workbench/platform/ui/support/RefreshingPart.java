package org.deskplane.workbench.platform.ui.support;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import org.deskplane.workbench.OperationRunner;
import org.deskplane.workbench.WorkbenchTopics;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/**
 * What every workbench part of server data does besides showing it: reads again on the workbench's Refresh
 * ({@link WorkbenchTopics#REFRESH}), puts the focus on its main control, closes its service watches and pollers when
 * it goes, and moves callbacks from other threads to the UI thread while it is still there. A part extends this and
 * builds its controls in its own {@code @PostConstruct} method.
 *
 * @since 1.2
 */
public abstract class RefreshingPart {

    @Inject
    private OperationRunner runner;
    @Inject
    private Display display;

    private final Deque<AutoCloseable> closeOnDispose = new ArrayDeque<>();
    private Control focusControl;

    /** Reads the part's data again (the Refresh button, the workbench's Refresh, a login or logout). */
    protected abstract void refresh();

    /** Runs server calls off the UI thread; failures end in an error dialog. */
    protected final OperationRunner runner() {
        return runner;
    }

    protected final Display display() {
        return display;
    }

    /**
     * Makes {@code control} the one that gets the focus; the part counts as gone once it is disposed, and
     * {@link #ui} and the workbench's Refresh do nothing then. Call it in the part's {@code @PostConstruct}
     * method as soon as the control is made; returns the control.
     */
    protected final <T extends Control> T focusOn(T control) {
        this.focusControl = control;
        return control;
    }

    /**
     * Runs a change on the server through the runner (a refusal ends in its error dialog) and then, whatever the
     * outcome, {@code thenRead} on the UI thread: the part shows what the server has, also after a refusal.
     */
    protected final <T> void change(String description, Callable<T> work, Runnable thenRead, Consumer<T> onDone) {
        runner.run(description, () -> {
            try {
                return work.call();
            } finally {
                ui(thenRead);
            }
        }, onDone);
    }

    /** Closes {@code closeable} when the part goes (in the reverse order of registration); returns it. */
    protected final <C extends AutoCloseable> C closeOnDispose(C closeable) {
        closeOnDispose.push(closeable);
        return closeable;
    }

    /** Runs {@code action} on the UI thread later, unless the part is gone by then. */
    protected final void ui(Runnable action) {
        if (display != null && !display.isDisposed()) {
            display.asyncExec(() -> {
                if (alive()) {
                    action.run();
                }
            });
        }
    }

    /** Whether the part's controls are made and not disposed. */
    protected final boolean alive() {
        return focusControl != null && !focusControl.isDisposed();
    }

    @Focus
    private void focus() {
        if (alive()) {
            focusControl.setFocus();
        }
    }

    @Inject
    @Optional
    private void onRefresh(@UIEventTopic(WorkbenchTopics.REFRESH) Object ignored) {
        if (alive()) {
            refresh();
        }
    }

    @PreDestroy
    private void dispose() {
        while (!closeOnDispose.isEmpty()) {
            try {
                closeOnDispose.pop().close();
            } catch (Exception e) {
                // closing a watch cannot fail in a way the user could act on; the others must still be closed
            }
        }
    }
}
