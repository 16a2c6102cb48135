package org.deskplane.content.ui.internal;

import static org.deskplane.content.ui.internal.ContentWidgets.WIDGETS;

import java.util.Comparator;

import org.deskplane.content.api.ContentPolicies;
import org.deskplane.content.api.PolicyRuleSpec;
import org.deskplane.workbench.OperationRunner;
import org.deskplane.workbench.platform.ui.support.RefreshingPart;
import org.deskplane.workbench.platform.ui.support.ServiceWatch;
import org.deskplane.workbench.platform.ui.support.TableSection;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;

import jakarta.annotation.PostConstruct;

/**
 * The content policy rules in the order the server tries them, with Add, Edit and Delete. Changes go to the
 * server off the UI thread through the {@link OperationRunner}: a rule it refuses (400, with the reason) ends in
 * an error dialog and the table stays as the server has it. The table is read again after every change.
 */
public class PoliciesPart extends RefreshingPart {

    /** Name of the table for UI tests (WorkbenchModel.TABLE_NAME). */
    static final String TABLE = "policies";
    /** Who is audited for an in-process change; the REST client ignores it (the server audits the session's user). */
    private static final String ACTOR = "workbench";

    private ServiceWatch<ContentPolicies> policies;
    private TableSection<PolicyRuleSpec> table;

    @PostConstruct
    void create(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        table = new TableSection<>(parent, WIDGETS, PolicyRuleSpec.class, TABLE, 4, "status", PolicyRuleSpec::name);
        focusOn(table.table());
        Composite buttons = table.row();
        WIDGETS.button(buttons, "refresh", "Refresh", "Read the rules again", this::refresh);
        WIDGETS.button(buttons, "add", "Add\u2026", "Add a rule", this::add);
        WIDGETS.button(buttons, "edit", "Edit\u2026", "Change the selected rule", this::edit);
        WIDGETS.button(buttons, "delete", "Delete", "Delete the selected rule", this::delete);
        PolicyColumns.create(table);
        table.viewer().addDoubleClickListener(e -> edit());

        policies = closeOnDispose(new ServiceWatch<>(PoliciesPart.class, ContentPolicies.class,
                () -> ui(this::refresh)));
        refresh();
    }

    @Override
    protected void refresh() {
        refresh(null);
    }

    /** Reads the rules and selects the one named {@code select}, if given. */
    private void refresh(String select) {
        ContentPolicies service = table.connected(policies.current(),
                "No content policies: log in (as an admin) to a server that has the content feature.");
        if (service != null) {
            table.load(runner(), "the content policy rules", () -> service.list().stream()
                    .sorted(Comparator.comparingInt(PolicyRuleSpec::order).thenComparing(PolicyRuleSpec::name))
                    .toList(), select, rules -> table.say(rules.size() + " rule(s); the first that matches a "
                            + "request decides, else reading is allowed and changing is denied"));
        }
    }

    private void add() {
        openEditor("Add policy rule", PolicyFields.empty(), false);
    }

    private void edit() {
        PolicyRuleSpec selected = table.selected("a rule");
        if (selected == null) {
            return;
        }
        openEditor("Edit policy rule " + selected.name(), PolicyFields.of(selected), true);
    }

    private void openEditor(String title, PolicyFields fields, boolean existing) {
        ContentPolicies service = policies.current();
        if (service == null) {
            table.say("No content policies: log in first.");
            return;
        }
        PolicyDialog dialog = new PolicyDialog(table.table().getShell(), title, fields, existing);
        if (dialog.open() != Window.OK) {
            return;
        }
        PolicyRuleSpec rule = dialog.result();
        table.say("Saving rule " + rule.name() + " \u2026");
        runner().run("Save policy rule " + rule.name(), () -> {
            try {
                return service.put(ACTOR, rule);
            } catch (Exception e) {
                ui(() -> table.say("Saving rule " + rule.name() + " failed: " + e.getMessage()));
                throw e;
            }
        }, saved -> {
            refresh(saved.name());
        });
    }

    private void delete() {
        PolicyRuleSpec selected = table.selected("a rule");
        ContentPolicies service = selected == null ? null : policies.current();
        if (service == null) {
            if (selected != null) {
                table.say("No content policies: log in first.");
            }
            return;
        }
        if (!MessageDialog.openConfirm(table.table().getShell(), "Delete policy rule",
                "Delete the rule " + selected.name() + " (" + selected.effect() + ")?")) {
            return;
        }
        table.say("Deleting rule " + selected.name() + " \u2026");
        change("Delete policy rule " + selected.name(), () -> {
            service.delete(ACTOR, selected.name());
            return selected.name();
        }, this::refresh, deleted -> table.say("Deleted rule " + deleted));
    }
}
