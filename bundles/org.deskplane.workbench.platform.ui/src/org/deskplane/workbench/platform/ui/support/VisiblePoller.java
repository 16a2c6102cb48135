package org.deskplane.workbench.platform.ui.support;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;

/**
 * Keeps a part live while it can be seen: every {@code millis} ms on the UI thread it runs the part's poll, but only
 * while the control is visible (a hidden part costs the server nothing). The part's reads go through
 * {@link #read}: on a background system job, one at a time (a tick that comes while a read is still running is
 * skipped, so a slow server is not piled up with requests), results and failures handed back on the UI thread. A
 * failure goes to the part's status line, not to a dialog: it would pop up every few seconds.
 *
 * @since 1.2
 */
public final class VisiblePoller implements AutoCloseable {

    private final Control control;
    private final Display display;
    private final String jobName;
    private final int millis;
    private final Runnable poll;
    private final Runnable tick = this::tick;
    private final AtomicBoolean reading = new AtomicBoolean();

    /**
     * Starts ticking; call on the UI thread, and {@link #close()} when the part goes.
     *
     * @param control the control whose visibility decides (the part's table)
     * @param jobName the name of the background job of a read
     * @param millis  the time between ticks
     * @param poll    what a tick runs (on the UI thread); it normally ends in {@link #read}
     */
    public VisiblePoller(Control control, String jobName, int millis, Runnable poll) {
        this.control = control;
        this.display = control.getDisplay();
        this.jobName = jobName;
        this.millis = millis;
        this.poll = poll;
        display.timerExec(millis, tick);
    }

    private void tick() {
        if (control.isDisposed()) {
            return;
        }
        if (control.isVisible()) {
            poll.run();
        }
        display.timerExec(millis, tick);
    }

    /**
     * Runs {@code read} on a background job unless a read is still running.
     *
     * @param onResult  gets the result on the UI thread (not when the control is gone)
     * @param onFailure gets the failure on the UI thread (not when the control is gone)
     * @return whether the read started
     */
    public <T> boolean read(Callable<T> read, Consumer<T> onResult, Consumer<Exception> onFailure) {
        if (!reading.compareAndSet(false, true)) {
            return false;
        }
        Job job = Job.create(jobName, (IProgressMonitor monitor) -> {
            try {
                T result = read.call();
                ui(() -> onResult.accept(result));
            } catch (Exception e) {
                ui(() -> onFailure.accept(e));
            } finally {
                reading.set(false);
            }
            return Status.OK_STATUS;
        });
        job.setSystem(true);
        job.schedule();
        return true;
    }

    private void ui(Runnable action) {
        if (!display.isDisposed()) {
            display.asyncExec(() -> {
                if (!control.isDisposed()) {
                    action.run();
                }
            });
        }
    }

    /** Stops ticking (a read already running still hands back, unless the control is gone). */
    @Override
    public void close() {
        if (!display.isDisposed()) {
            display.timerExec(-1, tick);
        }
    }
}
