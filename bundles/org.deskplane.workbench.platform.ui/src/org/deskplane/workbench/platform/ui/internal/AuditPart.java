package org.deskplane.workbench.platform.ui.internal;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.deskplane.security.api.AuditEvent;
import org.deskplane.security.api.AuditLog;
import org.deskplane.security.api.AuditQuery;
import org.deskplane.workbench.OperationRunner;
import org.deskplane.workbench.WorkbenchTopics;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/** The latest audit events of the server, newest first. */
public class AuditPart {

    static final int SHOWN_EVENTS = 200;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    @Inject
    private OperationRunner runner;

    private AuditLog auditLog;
    private TableViewer events;
    private Label status;

    @Inject
    void bind(@Optional AuditLog log) {
        this.auditLog = log;
        if (events != null && !events.getTable().isDisposed()) {
            refresh();
        }
    }

    @PostConstruct
    void create(Composite parent) {
        parent.setLayout(new GridLayout(2, false));
        Button refresh = new Button(parent, SWT.PUSH);
        refresh.setText("Refresh");
        refresh.addListener(SWT.Selection, e -> refresh());
        status = new Label(parent, SWT.NONE);
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        events = Tables.create(parent, "audit");
        events.getTable().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1));
        Tables.<AuditEvent>column(events, "Time", 160, e -> TIME.format(e.time()));
        Tables.<AuditEvent>column(events, "Actor", 110, AuditEvent::actor);
        Tables.<AuditEvent>column(events, "Action", 160, AuditEvent::action);
        Tables.<AuditEvent>column(events, "Target", 220, AuditEvent::target);
        Tables.<AuditEvent>column(events, "Result", 90, AuditEvent::result);
        Tables.<AuditEvent>column(events, "Detail", 300, AuditEvent::detail);
        Tables.<AuditEvent>column(events, "Source", 120, AuditEvent::source);
        refresh();
    }

    @Focus
    void focus() {
        events.getTable().setFocus();
    }

    @Inject
    @Optional
    void onRefresh(@UIEventTopic(WorkbenchTopics.REFRESH) Object ignored) {
        refresh();
    }

    private void refresh() {
        AuditLog current = auditLog;
        if (current == null) {
            status.setText("No audit log: log in to a server, or start the workbench in embedded mode.");
            return;
        }
        status.setText("Reading the audit log …");
        runner.run("Read the audit log", () -> current.query(AuditQuery.latest(SHOWN_EVENTS)), this::show);
    }

    private void show(List<AuditEvent> latest) {
        if (events.getTable().isDisposed()) {
            return;
        }
        events.setInput(latest);
        status.setText(latest.size() + " latest events, newest first");
    }
}
