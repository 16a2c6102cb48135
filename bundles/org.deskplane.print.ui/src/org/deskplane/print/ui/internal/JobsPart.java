package org.deskplane.print.ui.internal;

import static org.deskplane.print.ui.internal.PrintWidgets.WIDGETS;

import java.time.Instant;
import java.util.List;

import org.deskplane.client.RemotePrinting;
import org.deskplane.print.routing.SpooledJob;
import org.deskplane.workbench.platform.ui.support.RefreshingPart;
import org.deskplane.workbench.platform.ui.support.TableSection;
import org.deskplane.workbench.platform.ui.support.VisiblePoller;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

import jakarta.annotation.PostConstruct;

/**
 * The print job queue, newest first, with live state: while the part is visible it reads the queue every
 * {@value #POLL_MILLIS} ms (the server has no push channel for the workbench yet), off the UI thread. Cancel asks
 * for confirmation and shows the server's refusal in a dialog; a failed background read only shows in the status
 * line (a dialog every two seconds would be worse than the failure).
 */
public class JobsPart extends RefreshingPart {

    static final int POLL_MILLIS = 2000;
    static final int LIMIT = 200;

    private PrintingServices services;
    private VisiblePoller poller;
    private TableSection<SpooledJob> table;
    private Text vmFilter;

    @PostConstruct
    void create(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        table = new TableSection<>(parent, WIDGETS, SpooledJob.class, "jobs", 4, "status", SpooledJob::id);
        focusOn(table.table());
        Composite buttons = table.row();
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
        vmFilter.addListener(SWT.DefaultSelection, e -> refresh());

        JobColumns.create(table.viewer());
        table.viewer().addSelectionChangedListener(e -> showSelected());

        poller = closeOnDispose(new VisiblePoller(table.table(), "Read the print jobs", POLL_MILLIS, this::refresh));
        services = closeOnDispose(new PrintingServices(() -> ui(this::refresh)));
        refresh();
    }

    /** The poll (every {@value #POLL_MILLIS} ms while visible, Enter in the filter, the workbench's Refresh). */
    @Override
    protected void refresh() {
        RemotePrinting printing = table.connected(services.printing(), PrintingServices.NOT_CONNECTED);
        if (printing != null) {
            String vm = vmKey();
            poller.read(() -> printing.jobs(vm, LIMIT), this::show,
                    failure -> table.say("Reading the jobs failed: " + failure.getMessage()));
        }
    }

    /** Refresh pressed: the same read, but a failure is shown in a dialog. */
    private void readNow() {
        RemotePrinting printing = services.printing();
        if (printing == null) {
            table.say(PrintingServices.NOT_CONNECTED);
            return;
        }
        String vm = vmKey();
        table.load(runner(), "the print jobs", () -> printing.jobs(vm, LIMIT), null, this::count);
    }

    private String vmKey() {
        String text = vmFilter.getText().strip();
        return text.isEmpty() ? null : text;
    }

    /** Shows the jobs, keeping the selected job selected across reads (rows are new records each time). */
    private void show(List<SpooledJob> jobs) {
        table.show(jobs);
        count(jobs);
    }

    private void count(List<SpooledJob> jobs) {
        long active = jobs.stream().filter(job -> !job.state().isTerminal()).count();
        table.say(jobs.size() + " job(s), " + active + " not ended; read " + Texts.time(Instant.now()));
    }

    private void showSelected() {
        SpooledJob job = table.selected();
        if (job != null && !job.reason().isEmpty()) {
            table.table().setToolTipText(job.reason());
        }
    }

    private void cancelSelected() {
        SpooledJob job = table.selected("a job");
        RemotePrinting printing = job == null ? null : services.printing();
        if (printing == null) {
            if (job != null) {
                table.say(PrintingServices.NOT_CONNECTED);
            }
            return;
        }
        if (job.state().isTerminal()) {
            table.say("Job " + job.id() + " has already ended (" + job.state() + ").");
            return;
        }
        if (!MessageDialog.openConfirm(table.table().getShell(), "Cancel print job", "Cancel the job " + job.id()
                + " of " + job.context().user() + " to " + job.vmPrinterId() + " (" + job.state() + ")?")) {
            return;
        }
        table.say("Cancelling job " + job.id() + " \u2026");
        runner().run("Cancel print job " + job.id(), () -> printing.cancel(job.id()), cancelled -> {
            table.say("Job " + cancelled.id() + " is " + cancelled.state());
            refresh();
        });
    }
}
