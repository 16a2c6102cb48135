package org.deskplane.print.ui.internal;

import static org.deskplane.print.ui.internal.PrintWidgets.WIDGETS;

import java.util.Comparator;

import org.deskplane.print.policy.PrintPolicies;
import org.deskplane.print.policy.PrintPolicyRule;
import org.deskplane.workbench.OperationRunner;
import org.deskplane.workbench.platform.ui.support.RefreshingPart;
import org.deskplane.workbench.platform.ui.support.TableSection;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;

import jakarta.annotation.PostConstruct;

/**
 * The print policy rules in the order the server tries them, with Add, Edit and Delete. Changes go to the server off
 * the UI thread through the {@link OperationRunner}: a rule it refuses (400, with the reason) ends in an error
 * dialog, and the table stays as the server has it (it is read again after every change).
 */
public class PrintPoliciesPart extends RefreshingPart {

    /** Who is audited for an in-process change; the REST client ignores it (the server audits the session's user). */
    private static final String ACTOR = "workbench";

    private PrintingServices services;
    private TableSection<PrintPolicyRule> table;

    @PostConstruct
    void create(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        table = new TableSection<>(parent, WIDGETS, PrintPolicyRule.class, "policies", 4, "status",
                PrintPolicyRule::name);
        focusOn(table.table());
        Composite buttons = table.row();
        WIDGETS.button(buttons, "refresh", "Refresh", "Read the rules again", this::refresh);
        WIDGETS.button(buttons, "add", "Add\u2026", "Add a rule", this::add);
        WIDGETS.button(buttons, "edit", "Edit\u2026", "Change the selected rule", this::edit);
        WIDGETS.button(buttons, "delete", "Delete", "Delete the selected rule", this::delete);
        table.column("Order", 60, SWT.RIGHT, r -> Integer.toString(r.order()))
                .column("Name", 170, SWT.LEFT, PrintPolicyRule::name)
                .column("Effect", 70, SWT.LEFT, r -> r.effect().name())
                .column("Users", 110, SWT.LEFT, r -> Texts.list(r.users()))
                .column("VMs", 110, SWT.LEFT, r -> Texts.list(r.vms()))
                .column("Pools", 90, SWT.LEFT, r -> Texts.list(r.pools()))
                .column("Printers", 110, SWT.LEFT, r -> Texts.list(r.printers()))
                .column("Applications", 110, SWT.LEFT, r -> Texts.list(r.applications()))
                .column("Nearest only", 90, SWT.LEFT, r -> r.nearestOnly() ? "yes" : "");
        table.viewer().addDoubleClickListener(e -> edit());

        services = closeOnDispose(new PrintingServices(() -> ui(this::refresh)));
        refresh();
    }

    @Override
    protected void refresh() {
        refresh(null);
    }

    /** Reads the rules and selects the one named {@code select}, if given. */
    private void refresh(String select) {
        PrintPolicies policies = table.connected(services.policies(), PrintingServices.NOT_CONNECTED);
        if (policies != null) {
            table.load(runner(), "the print policy rules", () -> policies.list().stream()
                    .sorted(Comparator.comparingInt(PrintPolicyRule::order).thenComparing(PrintPolicyRule::name))
                    .toList(), select, rules -> table.say(rules.size()
                            + " rule(s); the first that matches decides, else printing is allowed"));
        }
    }

    private void add() {
        openEditor("Add print policy rule", null);
    }

    private void edit() {
        PrintPolicyRule selected = table.selected("a rule");
        if (selected == null) {
            return;
        }
        openEditor("Edit print policy rule " + selected.name(), selected);
    }

    private void openEditor(String title, PrintPolicyRule initial) {
        PrintPolicies policies = services.policies();
        if (policies == null) {
            table.say(PrintingServices.NOT_CONNECTED);
            return;
        }
        PolicyDialog dialog = new PolicyDialog(table.table().getShell(), title, initial);
        if (dialog.open() != Window.OK) {
            return;
        }
        PrintPolicyRule rule = dialog.result();
        table.say("Saving rule " + rule.name() + " \u2026");
        runner().run("Save print policy rule " + rule.name(), () -> {
            try {
                return policies.put(ACTOR, rule);
            } catch (Exception e) {
                ui(() -> table.say("Saving rule " + rule.name() + " failed: " + e.getMessage()));
                throw e;
            }
        }, saved -> refresh(saved.name()));
    }

    private void delete() {
        PrintPolicyRule selected = table.selected("a rule");
        PrintPolicies policies = selected == null ? null : services.policies();
        if (policies == null) {
            if (selected != null) {
                table.say(PrintingServices.NOT_CONNECTED);
            }
            return;
        }
        if (!MessageDialog.openConfirm(table.table().getShell(), "Delete print policy rule",
                "Delete the rule " + selected.name() + " (" + selected.effect() + ")?")) {
            return;
        }
        table.say("Deleting rule " + selected.name() + " \u2026");
        change("Delete print policy rule " + selected.name(), () -> {
            policies.delete(ACTOR, selected.name());
            return selected.name();
        }, this::refresh, deleted -> table.say("Deleted rule " + deleted));
    }
}
