package org.deskplane.workbench.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.eclipse.e4.ui.internal.workbench.E4Workbench;
import org.eclipse.e4.ui.internal.workbench.swt.E4Application;
import org.eclipse.swt.widgets.Display;

/**
 * The real e4 workbench started the way E4Application.start does, on a UI thread of its own that owns the
 * Display and runs the event loop, so that the test thread can look at the widgets through syncExec.
 */
public final class RunningWorkbench implements AutoCloseable {

    private final AtomicReference<E4Workbench> workbench = new AtomicReference<>();
    private final AtomicReference<Display> display = new AtomicReference<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final CountDownLatch started = new CountDownLatch(1);
    private final Thread uiThread;

    public RunningWorkbench(ProductApplicationContext context) {
        uiThread = new Thread(() -> run(context), "deskplane-workbench-ui");
        uiThread.setDaemon(true);
        uiThread.start();
    }

    private void run(ProductApplicationContext context) {
        try {
            Display own = new Display();
            display.set(own);
            E4Application application = new E4Application();
            E4Workbench created = application.createE4Workbench(context, own);
            workbench.set(created);
            started.countDown();
            created.createAndRunUI(created.getApplication()); // returns when the workbench closes
            own.dispose();
        } catch (Throwable e) {
            failure.set(e);
            e.printStackTrace();
        } finally {
            started.countDown();
        }
    }

    /** Waits until the workbench exists (login included); fails with the UI thread's error otherwise. */
    public E4Workbench awaitStarted(Duration timeout) throws InterruptedException {
        if (!started.await(timeout.toMillis(), TimeUnit.MILLISECONDS) || workbench.get() == null) {
            throw new AssertionError("The workbench did not start within " + timeout, failure.get());
        }
        return workbench.get();
    }

    /** Runs on the UI thread and returns the result. */
    public <T> T ui(Function<E4Workbench, T> action) {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> error = new AtomicReference<>();
        display.get().syncExec(() -> {
            try {
                result.set(action.apply(workbench.get()));
            } catch (RuntimeException | Error e) { // an AssertionError on the UI thread must fail the test, not be logged
                error.set(e);
            }
        });
        if (error.get() instanceof RuntimeException e) {
            throw e;
        }
        if (error.get() instanceof Error e) {
            throw e;
        }
        return result.get();
    }

    /** Polls {@code probe} on the UI thread until it returns non-null, or fails after the timeout. */
    public <T> T await(String what, Duration timeout, Function<E4Workbench, T> probe) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (failure.get() != null) {
                throw new AssertionError("The workbench failed", failure.get());
            }
            T value = ui(probe);
            if (value != null) {
                return value;
            }
            Thread.sleep(100); // polling with a deadline: the UI loads its data asynchronously
        }
        throw new AssertionError("Timed out after " + timeout + " waiting for " + what);
    }

    @Override
    public void close() throws InterruptedException {
        Display own = display.get();
        if (own != null && !own.isDisposed() && workbench.get() != null) {
            own.syncExec(() -> workbench.get().close());
        }
        uiThread.join(TimeUnit.SECONDS.toMillis(30));
    }
}
