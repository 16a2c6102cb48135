package org.deskplane.print.ui.internal;

import static org.deskplane.print.ui.internal.PrintWidgets.WIDGETS;

import java.util.List;

import org.deskplane.client.RemotePrinting;
import org.deskplane.print.routing.SpooledJob;
import org.deskplane.workbench.OperationRunner;
import org.deskplane.workbench.WorkbenchTopics;
import org.deskplane.workbench.platform.ui.support.Widgets;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/**
 * The print job queue, newest first, with live state: while the part is visible it reads the queue every
 * {@value #POLL_MILLIS} ms (the server has no push channel for the workbench yet), off the UI thread. Cancel asks
 * for confirmation and shows the server's refusal in a dialog; a failed background read only shows in the status
 * line (a dialog every two seconds would be worse than the failure).
 */
public class JobsPart {

    static final int POLL_MILLIS = 2000;

    @Inject
    private OperationRunner runner;
    @Inject
    private Display display;

    private PrintingServices services;
    private final JobPoller poller = new JobPoller();
    private TableViewer table;
    private Text vmFilter;
    private Label status;
    private final Runnable tick = this::tick;

    @PostConstruct
    void create(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        Composite buttons = Widgets.row(parent, 4);
        WIDGETS.button(buttons, "refresh", "Refresh", "Read the jobs now", this::readNow);
        WIDGETS.button(buttons, "cancel", "Cancel job\u2026", "Cancel the selected job (spooled or printing)",
                this::cancelSelected);
        new Label(buttons, SWT.NONE).setText("VM:");
        vmFilter = new Text(buttons, SWT.BORDER);
        vmFilter.setMessage("all VMs, or <connection>:<uuid>");
        vmFilter.setData(WIDGETS.key(), "vmFilter");
        GridData filterLayout = new GridData(SWT.FILL, SWT.CENTER, true, false);
        filterLayout.widthHint = 320;
        vmFilter.setLayoutData(filterLayout);
        vmFilter.addListener(SWT.DefaultSelection, e -> poll());

        table = WIDGETS.table(parent, "jobs");
        JobColumns.create(table);
        table.addSelectionChangedListener(e -> showSelected());
        status = WIDGETS.label(parent, "status");

        services = new PrintingServices(() -> ui(this::poll));
        poll();
        display.timerExec(POLL_MILLIS, tick);
    }

    @PreDestroy
    void dispose() {
        if (display != null && !display.isDisposed()) {
            display.timerExec(-1, tick);
        }
        if (services != null) {
            services.close();
        }
    }

    @Focus
    void focus() {
        table.getTable().setFocus();
    }

    @Inject
    @Optional
    void onRefresh(@UIEventTopic(WorkbenchTopics.REFRESH) Object ignored) {
        poll();
    }

    /** Every {@value #POLL_MILLIS} ms on the UI thread: reads again only while the part can be seen. */
    private void tick() {
        if (table == null || table.getTable().isDisposed()) {
            return;
        }
        if (table.getTable().isVisible()) {
            poll();
        }
        display.timerExec(POLL_MILLIS, tick);
    }

    private void poll() {
        if (table == null || table.getTable().isDisposed()) {
            return;
        }
        RemotePrinting printing = services.printing();
        if (printing == null) {
            table.setInput(List.of());
            status.setText(PrintingServices.NOT_CONNECTED);
            return;
        }
        poller.read(printing, vmKey(), jobs -> ui(() -> show(jobs)),
                failure -> ui(() -> status.setText("Reading the jobs failed: " + failure.getMessage())));
    }

    /** Refresh pressed: the same read, but a failure is shown in a dialog. */
    private void readNow() {
        RemotePrinting printing = services.printing();
        if (printing == null) {
            status.setText(PrintingServices.NOT_CONNECTED);
            return;
        }
        String vm = vmKey();
        runner.run("Read the print jobs", () -> printing.jobs(vm, JobPoller.LIMIT), this::show);
    }

    private String vmKey() {
        String text = vmFilter.getText().strip();
        return text.isEmpty() ? null : text;
    }

    /** Shows the jobs, keeping the selected job selected across reads (rows are new records each time). */
    private void show(List<SpooledJob> jobs) {
        if (table.getTable().isDisposed()) {
            return;
        }
        String selected = selected() == null ? null : selected().id();
        table.setInput(jobs);
        Table widget = table.getTable();
        for (int i = 0; i < jobs.size(); i++) {
            if (jobs.get(i).id().equals(selected)) {
                widget.setSelection(i);
            }
        }
        long active = jobs.stream().filter(job -> !job.state().isTerminal()).count();
        status.setText(jobs.size() + " job(s), " + active + " not ended; read " + Texts.time(java.time.Instant.now()));
    }

    private void showSelected() {
        SpooledJob job = selected();
        if (job != null && !job.reason().isEmpty()) {
            table.getTable().setToolTipText(job.reason());
        }
    }

    private void cancelSelected() {
        SpooledJob job = selected();
        RemotePrinting printing = services.printing();
        if (job == null || printing == null) {
            status.setText(job == null ? "Select a job first." : PrintingServices.NOT_CONNECTED);
            return;
        }
        if (job.state().isTerminal()) {
            status.setText("Job " + job.id() + " has already ended (" + job.state() + ").");
            return;
        }
        if (!MessageDialog.openConfirm(table.getTable().getShell(), "Cancel print job", "Cancel the job " + job.id()
                + " of " + job.context().user() + " to " + job.vmPrinterId() + " (" + job.state() + ")?")) {
            return;
        }
        status.setText("Cancelling job " + job.id() + " \u2026");
        runner.run("Cancel print job " + job.id(), () -> printing.cancel(job.id()), cancelled -> {
            if (!status.isDisposed()) {
                status.setText("Job " + cancelled.id() + " is " + cancelled.state());
            }
            poll();
        });
    }

    private SpooledJob selected() {
        return table.getStructuredSelection().getFirstElement() instanceof SpooledJob job ? job : null;
    }

    private void ui(Runnable action) {
        if (display != null && !display.isDisposed()) {
            display.asyncExec(() -> {
                if (table != null && !table.getTable().isDisposed()) {
                    action.run();
                }
            });
        }
    }
}
