package org.deskplane.modules.ui.internal;

import static org.deskplane.modules.ui.internal.ModuleWidgets.WIDGETS;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import org.deskplane.modules.api.PolicyRule;
import org.deskplane.modules.api.Verb;
import org.deskplane.workbench.platform.ui.support.FormDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;

/**
 * Add or edit one module policy rule. Only the form is checked here (order is a number, verbs are known verbs);
 * whether the rule makes sense is the server's call, and its 400 is shown when saving.
 */
final class PolicyRuleDialog extends FormDialog {

    private final PolicyRule initial;
    private Combo effect;
    private PolicyRule result;

    /** @param initial the rule to edit, or null to add one */
    PolicyRuleDialog(Shell parent, String title, PolicyRule initial) {
        super(parent, title, WIDGETS);
        this.initial = initial;
    }

    @Override
    protected void fields(Composite area) {
        text(area, "id", "Id", "1-64 of A-Z a-z 0-9 . _ -", initial == null ? "" : initial.id())
                .setEditable(initial == null);
        text(area, "order", "Order", "rules are tried in ascending order; the first that matches decides",
                initial == null ? "100" : Integer.toString(initial.order()));
        new Label(area, SWT.NONE).setText("Effect:");
        effect = new Combo(area, SWT.READ_ONLY);
        effect.setItems("ALLOW", "DENY");
        effect.select(initial != null && !initial.allow() ? 1 : 0);
        effect.setData(WIDGETS.key(), "effect");
        text(area, "vms", "VMs", "VM ids or names, comma separated, * for any",
                initial == null ? "*" : Texts.list(initial.vms(), ""));
        text(area, "images", "Images", "VM images, comma separated, * for any",
                initial == null ? "*" : Texts.list(initial.images(), ""));
        text(area, "verbs", "Verbs", "empty for all; " + Arrays.toString(Verb.values()),
                initial == null ? "" : Texts.list(initial.verbs(), ""));
        text(area, "modules", "Modules", "symbolic names (globs), empty for all",
                initial == null ? "" : Texts.list(initial.modules(), ""));
        text(area, "signers", "Signers", "subjects or SHA-256 fingerprints, empty for any trusted signer",
                initial == null ? "" : Texts.list(initial.signers(), ""));
    }

    @Override
    protected boolean accept() {
        int order;
        try {
            order = Integer.parseInt(value("order"));
        } catch (NumberFormatException e) {
            problem("Order must be a whole number: '" + value("order") + "'");
            return false;
        }
        Set<Verb> verbs = EnumSet.noneOf(Verb.class);
        for (String name : Texts.split(value("verbs"))) {
            try {
                verbs.add(Verb.valueOf(name.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                problem("Unknown verb '" + name + "'; verbs are " + Arrays.toString(Verb.values()));
                return false;
            }
        }
        result = new PolicyRule(value("id"), order, Texts.split(value("vms")), Texts.split(value("images")), verbs,
                Texts.split(value("modules")), Texts.split(value("signers")), effect.getSelectionIndex() == 0);
        return true;
    }

    PolicyRule result() {
        return result;
    }
}
