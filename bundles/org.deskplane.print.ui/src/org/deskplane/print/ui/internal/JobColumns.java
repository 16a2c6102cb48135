package org.deskplane.print.ui.internal;

import org.deskplane.print.routing.SpooledJob;
import org.deskplane.workbench.platform.ui.support.Widgets;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;

/** The Print jobs table's columns. */
final class JobColumns {

    static final int ID = 0;
    static final int STATE = 4;

    private JobColumns() {
    }

    static void create(TableViewer viewer) {
        Widgets.column(viewer, SpooledJob.class, "Id", 200, SWT.LEFT, SpooledJob::id);
        Widgets.column(viewer, SpooledJob.class, "User", 80, SWT.LEFT, job -> job.context().user());
        Widgets.column(viewer, SpooledJob.class, "VM", 120, SWT.LEFT, job -> job.context().vmName().isEmpty()
                ? job.context().vmKey() : job.context().vmName());
        Widgets.column(viewer, SpooledJob.class, "Printer", 100, SWT.LEFT, SpooledJob::vmPrinterId);
        Widgets.column(viewer, SpooledJob.class, "State", 90, SWT.LEFT, job -> job.state().name());
        Widgets.column(viewer, SpooledJob.class, "Pages", 50, SWT.RIGHT, job -> Integer.toString(job.pages()));
        Widgets.column(viewer, SpooledJob.class, "Bytes", 80, SWT.RIGHT, job -> Texts.bytes(job.bytes()));
        Widgets.column(viewer, SpooledJob.class, "Reason", 200, SWT.LEFT, SpooledJob::reason);
        Widgets.column(viewer, SpooledJob.class, "Created", 140, SWT.LEFT, job -> Texts.time(job.created()));
        Widgets.column(viewer, SpooledJob.class, "Updated", 140, SWT.LEFT, job -> Texts.time(job.updated()));
    }
}
