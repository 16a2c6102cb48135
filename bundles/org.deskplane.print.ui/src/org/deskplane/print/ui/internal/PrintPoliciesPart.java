package org.deskplane.print.ui.internal;

import static org.deskplane.print.ui.internal.PrintWidgets.WIDGETS;

import java.util.Comparator;
import java.util.List;

import org.deskplane.print.policy.PrintPolicies;
import org.deskplane.print.policy.PrintPolicyRule;
import org.deskplane.workbench.OperationRunner;
import org.deskplane.workbench.WorkbenchTopics;
import org.deskplane.workbench.platform.ui.support.Widgets;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/**
 * The print policy rules in the order the server tries them, with Add, Edit and Delete. Changes go to the server off
 * the UI thread through the {@link OperationRunner}: a rule it refuses (400, with the reason) ends in an error
 * dialog, and the table stays as the server has it (it is read again after every change).
 */
public class PrintPoliciesPart {

    /** Who is audited for an in-process change; the REST client ignores it (the server audits the session's user). */
    private static final String ACTOR = "workbench";

    @Inject
    private OperationRunner runner;
    @Inject
    private Display display;

    private PrintingServices services;
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
        table = WIDGETS.table(parent, "policies");
        Widgets.column(table, PrintPolicyRule.class, "Order", 60, SWT.RIGHT, r -> Integer.toString(r.order()));
        Widgets.column(table, PrintPolicyRule.class, "Name", 170, SWT.LEFT, PrintPolicyRule::name);
        Widgets.column(table, PrintPolicyRule.class, "Effect", 70, SWT.LEFT, r -> r.effect().name());
        Widgets.column(table, PrintPolicyRule.class, "Users", 110, SWT.LEFT, r -> Texts.list(r.users()));
        Widgets.column(table, PrintPolicyRule.class, "VMs", 110, SWT.LEFT, r -> Texts.list(r.vms()));
        Widgets.column(table, PrintPolicyRule.class, "Pools", 90, SWT.LEFT, r -> Texts.list(r.pools()));
        Widgets.column(table, PrintPolicyRule.class, "Printers", 110, SWT.LEFT, r -> Texts.list(r.printers()));
        Widgets.column(table, PrintPolicyRule.class, "Applications", 110, SWT.LEFT, r -> Texts.list(r.applications()));
        Widgets.column(table, PrintPolicyRule.class, "Nearest only", 90, SWT.LEFT, r -> r.nearestOnly() ? "yes" : "");
        table.addDoubleClickListener(e -> edit());
        status = WIDGETS.label(parent, "status");

        services = new PrintingServices(() -> ui(this::refresh));
        refresh();
    }

    @PreDestroy
    void dispose() {
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
        PrintPolicies policies = services.policies();
        if (policies == null) {
            table.setInput(List.of());
            status.setText(PrintingServices.NOT_CONNECTED);
            return;
        }
        status.setText("Reading the print policy rules \u2026");
        runner.run("Read the print policy rules", () -> policies.list().stream()
                .sorted(Comparator.comparingInt(PrintPolicyRule::order).thenComparing(PrintPolicyRule::name)).toList(),
                rules -> {
                    if (table.getTable().isDisposed()) {
                        return;
                    }
                    table.setInput(rules);
                    rules.stream().filter(rule -> rule.name().equals(select)).findFirst()
                            .ifPresent(rule -> table.setSelection(new StructuredSelection(rule), true));
                    status.setText(rules.size() + " rule(s); the first that matches decides, else printing is allowed");
                });
    }

    private void add() {
        openEditor("Add print policy rule", null);
    }

    private void edit() {
        PrintPolicyRule selected = selected();
        if (selected == null) {
            status.setText("Select a rule first.");
            return;
        }
        openEditor("Edit print policy rule " + selected.name(), selected);
    }

    private void openEditor(String title, PrintPolicyRule initial) {
        PrintPolicies policies = services.policies();
        if (policies == null) {
            status.setText(PrintingServices.NOT_CONNECTED);
            return;
        }
        PolicyDialog dialog = new PolicyDialog(table.getTable().getShell(), title, initial);
        if (dialog.open() != Window.OK) {
            return;
        }
        PrintPolicyRule rule = dialog.result();
        status.setText("Saving rule " + rule.name() + " \u2026");
        runner.run("Save print policy rule " + rule.name(), () -> {
            try {
                return policies.put(ACTOR, rule);
            } catch (Exception e) {
                ui(() -> status.setText("Saving rule " + rule.name() + " failed: " + e.getMessage()));
                throw e;
            }
        }, saved -> refresh(saved.name()));
    }

    private void delete() {
        PrintPolicyRule selected = selected();
        PrintPolicies policies = services.policies();
        if (selected == null || policies == null) {
            status.setText(selected == null ? "Select a rule first." : PrintingServices.NOT_CONNECTED);
            return;
        }
        if (!MessageDialog.openConfirm(table.getTable().getShell(), "Delete print policy rule",
                "Delete the rule " + selected.name() + " (" + selected.effect() + ")?")) {
            return;
        }
        status.setText("Deleting rule " + selected.name() + " \u2026");
        runner.run("Delete print policy rule " + selected.name(), () -> {
            try {
                policies.delete(ACTOR, selected.name());
                return selected.name();
            } finally {
                ui(this::refresh);
            }
        }, deleted -> status.setText("Deleted rule " + deleted));
    }

    private PrintPolicyRule selected() {
        return table.getStructuredSelection().getFirstElement() instanceof PrintPolicyRule rule ? rule : null;
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
