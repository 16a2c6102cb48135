package org.deskplane.workbench.internal;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.deskplane.workbench.OperationRunner;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Display;

/** Server calls on a small pool of daemon threads; results and errors go back through the display. */
final class BackgroundOperationRunner implements OperationRunner, AutoCloseable {

    private final Display display;
    private final ExecutorService executor;

    BackgroundOperationRunner(Display display) {
        this.display = display;
        AtomicInteger count = new AtomicInteger();
        // daemon threads: a call hanging on a dead server must not keep the workbench process alive
        this.executor = Executors.newFixedThreadPool(2, work -> {
            Thread thread = new Thread(work, "deskplane-server-call-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public <T> void run(String description, Callable<T> work, Consumer<T> onSuccess) {
        executor.execute(() -> {
            try {
                T result = work.call();
                inUi(() -> onSuccess.accept(result));
            } catch (Exception | LinkageError e) {
                System.err.println("Deskplane: " + description + " failed: " + e);
                inUi(() -> MessageDialog.openError(display.getActiveShell(), description + " failed",
                        ErrorMessages.of(e)));
            }
        });
    }

    private void inUi(Runnable action) {
        if (!display.isDisposed()) {
            display.asyncExec(() -> {
                if (!display.isDisposed()) {
                    action.run();
                }
            });
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
