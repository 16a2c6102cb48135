package org.deskplane.content.ui.internal;

import static org.deskplane.content.ui.internal.ContentWidgets.WIDGETS;

import java.util.Comparator;
import java.util.List;

import org.deskplane.content.api.ContentPolicies;
import org.deskplane.content.api.PolicyRuleSpec;
import org.deskplane.workbench.OperationRunner;
import org.deskplane.workbench.WorkbenchTopics;
import org.deskplane.workbench.platform.ui.support.ServiceWatch;
import org.deskplane.workbench.platform.ui.support.Widgets;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/**
 * The content policy rules in the order the server tries them, with Add, Edit and Delete. Changes go to the
 * server off the UI thread through the {@link OperationRunner}: a rule it refuses (400, with the reason) ends in
 * an error dialog and the table stays as the server has it. The table is read again after every change.
 */
public class PoliciesPart {

    /** Name of the table for UI tests (WorkbenchModel.TABLE_NAME). */
    static final String TABLE = "policies";
    private static final String TABLE_NAME_KEY = "org.deskplane.workbench.table";
    /** Who is audited for an in-process change; the REST client ignores it (the server audits the session's user). */
    private static final String ACTOR = "workbench";

    @Inject
    private OperationRunner runner;
    @Inject
    private Display display;

    private ServiceWatch<ContentPolicies> policies;
    private TableViewer table;
    private Label status;

    @PostConstruct
    void create(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        Composite buttons = Widgets.row(parent, 4);
        WIDGETS.button(buttons, "refresh", "Refresh", "Read the rules again", this::refresh);
        WIDGETS.button(buttons, "add", "Add\u2026", "Add a rule", this::add);
        WIDGETS.button(buttons, "edit", "Edit\u2026", "Change the selected rule", this::edit);
        WIDGETS.button(buttons, "delete", "Delete", "Delete the selected rule", this::delete);

        table = new TableViewer(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE | SWT.V_SCROLL | SWT.H_SCROLL);
        table.setContentProvider(ArrayContentProvider.getInstance());
        table.getTable().setHeaderVisible(true);
        table.getTable().setLinesVisible(true);
        table.getTable().setData(TABLE_NAME_KEY, TABLE);
        table.getTable().setData(WIDGETS.key(), TABLE);
        table.getTable().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        PolicyColumns.create(table);
        table.addDoubleClickListener(e -> edit());

        status = new Label(parent, SWT.NONE);
        status.setData(WIDGETS.key(), "status");
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));

        policies = new ServiceWatch<>(PoliciesPart.class, ContentPolicies.class, () -> ui(this::refresh));
        refresh();
    }

    @PreDestroy
    void dispose() {
        if (policies != null) {
            policies.close();
        }
    }

    @Focus
    void focus() {
        table.getTable().setFocus();
    }

    @Inject
    @Optional
    void onRefresh(@UIEventTopic(WorkbenchTopics.REFRESH) Object ignored) {
        refresh();
    }

    private void refresh() {
        refresh(null);
    }

    /** Reads the rules and selects the one named {@code select}, if given. */
    private void refresh(String select) {
        if (table == null || table.getTable().isDisposed()) {
            return;
        }
        ContentPolicies service = policies.current();
        if (service == null) {
            table.setInput(List.of());
            status.setText("No content policies: log in (as an admin) to a server that has the content feature.");
            return;
        }
        status.setText("Reading the policy rules \u2026");
        runner.run("Read the content policy rules", () -> service.list().stream()
                .sorted(Comparator.comparingInt(PolicyRuleSpec::order).thenComparing(PolicyRuleSpec::name)).toList(),
                rules -> {
                    if (table.getTable().isDisposed()) {
                        return;
                    }
                    table.setInput(rules);
                    rules.stream().filter(rule -> rule.name().equals(select)).findFirst()
                            .ifPresent(rule -> table.setSelection(new StructuredSelection(rule), true));
                    status.setText(rules.size() + " rule(s); the first that matches a request decides, "
                            + "else reading is allowed and changing is denied");
                });
    }

    private void add() {
        openEditor("Add policy rule", PolicyFields.empty(), false);
    }

    private void edit() {
        PolicyRuleSpec selected = selected();
        if (selected == null) {
            status.setText("Select a rule first.");
            return;
        }
        openEditor("Edit policy rule " + selected.name(), PolicyFields.of(selected), true);
    }

    private void openEditor(String title, PolicyFields fields, boolean existing) {
        ContentPolicies service = policies.current();
        if (service == null) {
            status.setText("No content policies: log in first.");
            return;
        }
        PolicyDialog dialog = new PolicyDialog(table.getTable().getShell(), title, fields, existing);
        if (dialog.open() != Window.OK) {
            return;
        }
        PolicyRuleSpec rule = dialog.result();
        status.setText("Saving rule " + rule.name() + " \u2026");
        runner.run("Save policy rule " + rule.name(), () -> {
            try {
                return service.put(ACTOR, rule);
            } catch (Exception e) {
                ui(() -> status.setText("Saving rule " + rule.name() + " failed: " + e.getMessage()));
                throw e;
            }
        }, saved -> {
            refresh(saved.name());
        });
    }

    private void delete() {
        PolicyRuleSpec selected = selected();
        ContentPolicies service = policies.current();
        if (selected == null || service == null) {
            status.setText(selected == null ? "Select a rule first." : "No content policies: log in first.");
            return;
        }
        if (!MessageDialog.openConfirm(table.getTable().getShell(), "Delete policy rule",
                "Delete the rule " + selected.name() + " (" + selected.effect() + ")?")) {
            return;
        }
        status.setText("Deleting rule " + selected.name() + " \u2026");
        runner.run("Delete policy rule " + selected.name(), () -> {
            try {
                service.delete(ACTOR, selected.name());
                return selected.name();
            } finally {
                ui(this::refresh);
            }
        }, deleted -> status.setText("Deleted rule " + deleted));
    }

    private PolicyRuleSpec selected() {
        return table.getStructuredSelection().getFirstElement() instanceof PolicyRuleSpec rule ? rule : null;
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
