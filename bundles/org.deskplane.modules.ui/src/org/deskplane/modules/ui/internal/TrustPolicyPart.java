package org.deskplane.modules.ui.internal;

import static org.deskplane.modules.ui.internal.ModuleWidgets.WIDGETS;

import org.deskplane.client.ServerConnection;
import org.deskplane.modules.api.PolicyRule;
import org.deskplane.modules.api.TrustedCertificate;
import org.deskplane.workbench.platform.ui.support.RefreshingPart;
import org.deskplane.workbench.platform.ui.support.ServiceClient;
import org.deskplane.workbench.platform.ui.support.TableSection;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Group;

import jakarta.annotation.PostConstruct;

/**
 * Who may sign modules (the trusted certificates: add from a PEM file, remove) and who may ask for what (the policy
 * rules: add, edit, delete). A rule the server refuses ends in an error dialog with its 400 message; both tables are
 * read again after every change, so they show what the server has.
 */
public class TrustPolicyPart extends RefreshingPart {

    private ServiceClient<ServerConnection, ModulesClient> services;
    private TableSection<TrustedCertificate> certificates;
    private TableSection<PolicyRule> rules;

    @PostConstruct
    void create(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        SashForm sash = new SashForm(parent, SWT.VERTICAL);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));

        certificates = new TableSection<>(group(sash, "Trusted signing certificates"), WIDGETS,
                TrustedCertificate.class, "certificates", 3, "trustStatus", TrustedCertificate::alias);
        Composite trustButtons = certificates.row();
        WIDGETS.button(trustButtons, "refreshTrust", "Refresh", "Read the trusted certificates again",
                this::refreshTrust);
        WIDGETS.button(trustButtons, "addCertificate", "Add from PEM file\u2026",
                "Trust a certificate: module signers chaining to it are accepted", this::addCertificate);
        WIDGETS.button(trustButtons, "removeCertificate", "Remove", "Stop trusting the selected certificate",
                this::removeCertificate);
        certificates.column("Alias", 140, SWT.LEFT, TrustedCertificate::alias)
                .column("Subject", 260, SWT.LEFT, TrustedCertificate::subject)
                .column("Issuer", 200, SWT.LEFT, TrustedCertificate::issuer)
                .column("Valid until", 150, SWT.LEFT, c -> Texts.time(c.notAfter()))
                .column("SHA-256", 160, SWT.LEFT, c -> Texts.shortHex(c.sha256()));

        rules = new TableSection<>(group(sash, "Policy rules (a guest is denied unless a rule allows)"), WIDGETS,
                PolicyRule.class, "rules", 4, "policyStatus", PolicyRule::id);
        Composite policyButtons = rules.row();
        WIDGETS.button(policyButtons, "refreshPolicy", "Refresh", "Read the rules again", this::refreshPolicy);
        WIDGETS.button(policyButtons, "addRule", "Add\u2026", "Add a rule", () -> editRule(null));
        WIDGETS.button(policyButtons, "editRule", "Edit\u2026", "Change the selected rule", () -> {
            PolicyRule selected = rules.selected("a rule");
            if (selected != null) {
                editRule(selected);
            }
        });
        WIDGETS.button(policyButtons, "deleteRule", "Delete", "Delete the selected rule", this::deleteRule);
        rules.column("Order", 60, SWT.RIGHT, r -> Integer.toString(r.order()))
                .column("Id", 150, SWT.LEFT, PolicyRule::id)
                .column("Effect", 70, SWT.LEFT, r -> r.allow() ? "ALLOW" : "DENY")
                .column("VMs", 120, SWT.LEFT, r -> Texts.list(r.vms(), "none"))
                .column("Images", 120, SWT.LEFT, r -> Texts.list(r.images(), "none"))
                .column("Verbs", 150, SWT.LEFT, r -> Texts.list(r.verbs(), "all"))
                .column("Modules", 150, SWT.LEFT, r -> Texts.list(r.modules(), "all"))
                .column("Signers", 150, SWT.LEFT, r -> Texts.list(r.signers(), "any"));
        focusOn(rules.table());
        rules.viewer().addDoubleClickListener(e -> {
            PolicyRule selected = rules.selected();
            if (selected != null) {
                editRule(selected);
            }
        });

        services = closeOnDispose(ModulesClient.watch(() -> ui(this::refresh)));
        refresh();
    }

    private static Group group(Composite parent, String title) {
        Group group = new Group(parent, SWT.NONE);
        group.setText(title);
        group.setLayout(new GridLayout(1, false));
        return group;
    }

    @Override
    protected void refresh() {
        refreshTrust();
        refreshPolicy();
    }

    private void refreshTrust() {
        ModulesClient client = certificates.connected(services.current(), ModulesClient.NOT_CONNECTED);
        if (client != null) {
            certificates.load(runner(), "the trusted module signers", client::trusted, null,
                    trusted -> certificates.say(trusted.size() + " trusted certificate(s)"));
        }
    }

    private void refreshPolicy() {
        refreshPolicy(null);
    }

    private void refreshPolicy(String select) {
        ModulesClient client = rules.connected(services.current(), ModulesClient.NOT_CONNECTED);
        if (client != null) {
            rules.load(runner(), "the module policy rules", client::rules, select, list -> rules.say(list.size()
                    + " rule(s); the first that matches decides, else a guest is denied"));
        }
    }

    private void addCertificate() {
        ModulesClient client = client(certificates);
        if (client == null) {
            return;
        }
        CertificateDialog dialog = new CertificateDialog(certificates.table().getShell());
        if (dialog.open() != Window.OK) {
            return;
        }
        change("Trust certificate " + dialog.alias(), () -> client.trust(dialog.alias(), dialog.pem()),
                this::refreshTrust, added -> certificates.say("Trusted " + added.alias() + ": " + added.subject()));
    }

    private void removeCertificate() {
        TrustedCertificate selected = certificates.selected("a certificate");
        ModulesClient client = selected == null ? null : client(certificates);
        if (client == null) {
            return;
        }
        if (!MessageDialog.openConfirm(certificates.table().getShell(), "Remove trusted certificate",
                "Stop trusting " + selected.alias() + " (" + selected.subject() + ")? Modules it signed are no "
                        + "longer accepted on upload.")) {
            return;
        }
        change("Remove trusted certificate " + selected.alias(), () -> {
            client.untrust(selected.alias());
            return selected.alias();
        }, this::refreshTrust, alias -> certificates.say("Removed " + alias));
    }

    private void editRule(PolicyRule initial) {
        ModulesClient client = client(rules);
        if (client == null) {
            return;
        }
        PolicyRuleDialog dialog = new PolicyRuleDialog(rules.table().getShell(),
                initial == null ? "Add module policy rule" : "Edit module policy rule " + initial.id(), initial);
        if (dialog.open() != Window.OK) {
            return;
        }
        PolicyRule rule = dialog.result();
        rules.say("Saving rule " + rule.id() + " \u2026");
        runner().run("Save module policy rule " + rule.id(), () -> {
            try {
                return client.put(rule);
            } catch (RuntimeException e) {
                ui(() -> rules.say("Saving rule " + rule.id() + " failed: " + e.getMessage()));
                throw e;
            }
        }, saved -> refreshPolicy(saved.id()));
    }

    private void deleteRule() {
        PolicyRule selected = rules.selected("a rule");
        ModulesClient client = selected == null ? null : client(rules);
        if (client == null) {
            return;
        }
        if (!MessageDialog.openConfirm(rules.table().getShell(), "Delete module policy rule",
                "Delete the rule " + selected.id() + " (" + (selected.allow() ? "ALLOW" : "DENY") + ")?")) {
            return;
        }
        change("Delete module policy rule " + selected.id(), () -> {
            client.deleteRule(selected.id());
            return selected.id();
        }, this::refreshPolicy, id -> rules.say("Deleted rule " + id));
    }

    /** The client, or null after saying on {@code section}'s status line why there is none. */
    private ModulesClient client(TableSection<?> section) {
        return section.required(services.current(), ModulesClient.NOT_CONNECTED);
    }
}
