package org.deskplane.modules.ui.internal;

import static org.deskplane.modules.ui.internal.ModuleWidgets.WIDGETS;

import java.util.List;

import org.deskplane.client.ServerConnection;
import org.deskplane.modules.api.PolicyRule;
import org.deskplane.modules.api.TrustedCertificate;
import org.deskplane.workbench.OperationRunner;
import org.deskplane.workbench.WorkbenchTopics;
import org.deskplane.workbench.platform.ui.support.ServiceClient;
import org.deskplane.workbench.platform.ui.support.Widgets;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/**
 * Who may sign modules (the trusted certificates: add from a PEM file, remove) and who may ask for what (the policy
 * rules: add, edit, delete). A rule the server refuses ends in an error dialog with its 400 message; both tables are
 * read again after every change, so they show what the server has.
 */
public class TrustPolicyPart {

    @Inject
    private OperationRunner runner;
    @Inject
    private Display display;

    private ServiceClient<ServerConnection, ModulesClient> services;
    private TableViewer certificates;
    private TableViewer rules;
    private Label trustStatus;
    private Label policyStatus;

    @PostConstruct
    void create(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        SashForm sash = new SashForm(parent, SWT.VERTICAL);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));

        Group trust = group(sash, "Trusted signing certificates");
        Composite trustButtons = Widgets.row(trust, 3);
        WIDGETS.button(trustButtons, "refreshTrust", "Refresh", "Read the trusted certificates again",
                this::refreshTrust);
        WIDGETS.button(trustButtons, "addCertificate", "Add from PEM file\u2026",
                "Trust a certificate: module signers chaining to it are accepted", this::addCertificate);
        WIDGETS.button(trustButtons, "removeCertificate", "Remove", "Stop trusting the selected certificate",
                this::removeCertificate);
        certificates = WIDGETS.table(trust, "certificates");
        Widgets.column(certificates, TrustedCertificate.class, "Alias", 140, SWT.LEFT, TrustedCertificate::alias);
        Widgets.column(certificates, TrustedCertificate.class, "Subject", 260, SWT.LEFT, TrustedCertificate::subject);
        Widgets.column(certificates, TrustedCertificate.class, "Issuer", 200, SWT.LEFT, TrustedCertificate::issuer);
        Widgets.column(certificates, TrustedCertificate.class, "Valid until", 150, SWT.LEFT,
                c -> Texts.time(c.notAfter()));
        Widgets.column(certificates, TrustedCertificate.class, "SHA-256", 160, SWT.LEFT,
                c -> Texts.shortHex(c.sha256()));
        trustStatus = WIDGETS.label(trust, "trustStatus");

        Group policy = group(sash, "Policy rules (a guest is denied unless a rule allows)");
        Composite policyButtons = Widgets.row(policy, 4);
        WIDGETS.button(policyButtons, "refreshPolicy", "Refresh", "Read the rules again", this::refreshPolicy);
        WIDGETS.button(policyButtons, "addRule", "Add\u2026", "Add a rule", () -> editRule(null));
        WIDGETS.button(policyButtons, "editRule", "Edit\u2026", "Change the selected rule", () -> {
            PolicyRule selected = selectedRule();
            if (selected == null) {
                policyStatus.setText("Select a rule first.");
            } else {
                editRule(selected);
            }
        });
        WIDGETS.button(policyButtons, "deleteRule", "Delete", "Delete the selected rule", this::deleteRule);
        rules = WIDGETS.table(policy, "rules");
        Widgets.column(rules, PolicyRule.class, "Order", 60, SWT.RIGHT, r -> Integer.toString(r.order()));
        Widgets.column(rules, PolicyRule.class, "Id", 150, SWT.LEFT, PolicyRule::id);
        Widgets.column(rules, PolicyRule.class, "Effect", 70, SWT.LEFT, r -> r.allow() ? "ALLOW" : "DENY");
        Widgets.column(rules, PolicyRule.class, "VMs", 120, SWT.LEFT, r -> Texts.list(r.vms(), "none"));
        Widgets.column(rules, PolicyRule.class, "Images", 120, SWT.LEFT, r -> Texts.list(r.images(), "none"));
        Widgets.column(rules, PolicyRule.class, "Verbs", 150, SWT.LEFT, r -> Texts.list(r.verbs(), "all"));
        Widgets.column(rules, PolicyRule.class, "Modules", 150, SWT.LEFT, r -> Texts.list(r.modules(), "all"));
        Widgets.column(rules, PolicyRule.class, "Signers", 150, SWT.LEFT, r -> Texts.list(r.signers(), "any"));
        rules.addDoubleClickListener(e -> {
            PolicyRule selected = selectedRule();
            if (selected != null) {
                editRule(selected);
            }
        });
        policyStatus = WIDGETS.label(policy, "policyStatus");

        services = ModulesClient.watch(() -> ui(this::refresh));
        refresh();
    }

    private static Group group(Composite parent, String title) {
        Group group = new Group(parent, SWT.NONE);
        group.setText(title);
        group.setLayout(new GridLayout(1, false));
        return group;
    }

    @PreDestroy
    void dispose() {
        if (services != null) {
            services.close();
        }
    }

    @Focus
    void focus() {
        rules.getTable().setFocus();
    }

    @Inject
    @Optional
    void onRefresh(@UIEventTopic(WorkbenchTopics.REFRESH) Object ignored) {
        refresh();
    }

    private void refresh() {
        refreshTrust();
        refreshPolicy();
    }

    private ModulesClient client(Label status) {
        ModulesClient client = services.current();
        if (client == null) {
            status.setText(ModulesClient.NOT_CONNECTED);
        }
        return client;
    }

    private void refreshTrust() {
        if (certificates == null || certificates.getTable().isDisposed()) {
            return;
        }
        ModulesClient client = client(trustStatus);
        if (client == null) {
            certificates.setInput(List.of());
            return;
        }
        runner.run("Read the trusted module signers", client::trusted, trusted -> {
            if (!certificates.getTable().isDisposed()) {
                certificates.setInput(trusted);
                trustStatus.setText(trusted.size() + " trusted certificate(s)");
            }
        });
    }

    private void refreshPolicy() {
        refreshPolicy(null);
    }

    private void refreshPolicy(String select) {
        if (rules == null || rules.getTable().isDisposed()) {
            return;
        }
        ModulesClient client = client(policyStatus);
        if (client == null) {
            rules.setInput(List.of());
            return;
        }
        runner.run("Read the module policy rules", client::rules, list -> {
            if (rules.getTable().isDisposed()) {
                return;
            }
            rules.setInput(list);
            list.stream().filter(r -> r.id().equals(select)).findFirst()
                    .ifPresent(r -> rules.setSelection(new StructuredSelection(r), true));
            policyStatus.setText(list.size() + " rule(s); the first that matches decides, else a guest is denied");
        });
    }

    private void addCertificate() {
        ModulesClient client = client(trustStatus);
        if (client == null) {
            return;
        }
        CertificateDialog dialog = new CertificateDialog(certificates.getTable().getShell());
        if (dialog.open() != Window.OK) {
            return;
        }
        runner.run("Trust certificate " + dialog.alias(), () -> {
            try {
                return client.trust(dialog.alias(), dialog.pem());
            } finally {
                ui(this::refreshTrust);
            }
        }, added -> trustStatus.setText("Trusted " + added.alias() + ": " + added.subject()));
    }

    private void removeCertificate() {
        ModulesClient client = client(trustStatus);
        TrustedCertificate selected = certificates.getStructuredSelection().getFirstElement()
                instanceof TrustedCertificate c ? c : null;
        if (client == null || selected == null) {
            if (selected == null) {
                trustStatus.setText("Select a certificate first.");
            }
            return;
        }
        if (!MessageDialog.openConfirm(certificates.getTable().getShell(), "Remove trusted certificate",
                "Stop trusting " + selected.alias() + " (" + selected.subject() + ")? Modules it signed are no "
                        + "longer accepted on upload.")) {
            return;
        }
        runner.run("Remove trusted certificate " + selected.alias(), () -> {
            try {
                client.untrust(selected.alias());
                return selected.alias();
            } finally {
                ui(this::refreshTrust);
            }
        }, alias -> trustStatus.setText("Removed " + alias));
    }

    private void editRule(PolicyRule initial) {
        ModulesClient client = client(policyStatus);
        if (client == null) {
            return;
        }
        PolicyRuleDialog dialog = new PolicyRuleDialog(rules.getTable().getShell(),
                initial == null ? "Add module policy rule" : "Edit module policy rule " + initial.id(), initial);
        if (dialog.open() != Window.OK) {
            return;
        }
        PolicyRule rule = dialog.result();
        policyStatus.setText("Saving rule " + rule.id() + " \u2026");
        runner.run("Save module policy rule " + rule.id(), () -> {
            try {
                return client.put(rule);
            } catch (RuntimeException e) {
                ui(() -> policyStatus.setText("Saving rule " + rule.id() + " failed: " + e.getMessage()));
                throw e;
            }
        }, saved -> refreshPolicy(saved.id()));
    }

    private void deleteRule() {
        ModulesClient client = client(policyStatus);
        PolicyRule selected = selectedRule();
        if (client == null || selected == null) {
            if (selected == null) {
                policyStatus.setText("Select a rule first.");
            }
            return;
        }
        if (!MessageDialog.openConfirm(rules.getTable().getShell(), "Delete module policy rule",
                "Delete the rule " + selected.id() + " (" + (selected.allow() ? "ALLOW" : "DENY") + ")?")) {
            return;
        }
        runner.run("Delete module policy rule " + selected.id(), () -> {
            try {
                client.deleteRule(selected.id());
                return selected.id();
            } finally {
                ui(this::refreshPolicy);
            }
        }, id -> policyStatus.setText("Deleted rule " + id));
    }

    private PolicyRule selectedRule() {
        return rules.getStructuredSelection().getFirstElement() instanceof PolicyRule r ? r : null;
    }

    private void ui(Runnable action) {
        if (display != null && !display.isDisposed()) {
            display.asyncExec(() -> {
                if (rules != null && !rules.getTable().isDisposed()) {
                    action.run();
                }
            });
        }
    }
}
