package org.deskplane.workbench.platform.ui.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.deskplane.bundles.api.BundleInfo;
import org.deskplane.bundles.api.BundleManager;
import org.deskplane.bundles.api.FeatureInfo;
import org.deskplane.workbench.OperationRunner;
import org.deskplane.workbench.WorkbenchIds;
import org.deskplane.workbench.WorkbenchTopics;
import org.eclipse.core.commands.ParameterizedCommand;
import org.eclipse.e4.core.commands.ECommandService;
import org.eclipse.e4.core.commands.EHandlerService;
import org.eclipse.e4.core.contexts.EclipseContextFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.e4.ui.workbench.modeling.ESelectionService;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * The server's bundles and features. Its buttons run the workbench's commands (the same handlers as the
 * toolbar) on the selected bundle; data is read off the UI thread by the {@link OperationRunner}.
 */
public class BundlesPart {

    @Inject
    private OperationRunner runner;
    @Inject
    private ESelectionService selectionService;
    @Inject
    private ECommandService commands;
    @Inject
    private EHandlerService handlers;

    private BundleManager manager;
    private TableViewer bundles;
    private TableViewer features;
    private Text repository;
    private Text featureId;
    private Button startAfterInstall;
    private Label status;

    private record Snapshot(List<BundleInfo> bundles, List<FeatureInfo> features) {
    }

    @Inject
    void bind(@Optional BundleManager bundleManager) {
        this.manager = bundleManager;
        if (bundles != null && !bundles.getTable().isDisposed()) {
            refresh();
        }
    }

    @PostConstruct
    void create(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        Composite actions = new Composite(parent, SWT.NONE);
        actions.setLayout(new GridLayout(7, false));
        button(actions, "Refresh", () -> execute(WorkbenchIds.COMMAND_REFRESH, Map.of(), null));
        button(actions, "Start", () -> onSelectedBundle(WorkbenchIds.COMMAND_START_BUNDLE));
        button(actions, "Stop", () -> onSelectedBundle(WorkbenchIds.COMMAND_STOP_BUNDLE));
        button(actions, "Update", () -> onSelectedBundle(WorkbenchIds.COMMAND_UPDATE_BUNDLE));
        button(actions, "Uninstall", () -> onSelectedBundle(WorkbenchIds.COMMAND_UNINSTALL_BUNDLE));
        button(actions, "Install bundle…", this::installBundle);
        startAfterInstall = new Button(actions, SWT.CHECK);
        startAfterInstall.setText("start it");
        startAfterInstall.setToolTipText("Start the bundle after installing it from a jar file");
        startAfterInstall.setSelection(true);

        SashForm sash = new SashForm(parent, SWT.VERTICAL);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        bundles = Tables.create(sash, "bundles");
        Tables.<BundleInfo>column(bundles, "ID", 60, BundleInfo::id);
        Tables.<BundleInfo>column(bundles, "Symbolic name", 340, BundleInfo::symbolicName);
        Tables.<BundleInfo>column(bundles, "Version", 150, BundleInfo::version);
        Tables.<BundleInfo>column(bundles, "State", 100, BundleInfo::state);
        Tables.<BundleInfo>column(bundles, "Feature", 300, BundleInfo::feature);
        bundles.addSelectionChangedListener(event -> selectionService
                .setSelection(((IStructuredSelection) event.getSelection()).getFirstElement()));
        features = Tables.create(sash, "features");
        features.addSelectionChangedListener(event -> selectionService
                .setSelection(((IStructuredSelection) event.getSelection()).getFirstElement()));
        Tables.<FeatureInfo>column(features, "Feature", 340, FeatureInfo::id);
        Tables.<FeatureInfo>column(features, "Version", 150, FeatureInfo::version);
        Tables.<FeatureInfo>column(features, "Label", 250, FeatureInfo::label);
        Tables.<FeatureInfo>column(features, "Source", 200, FeatureInfo::source);
        Tables.<FeatureInfo>column(features, "Bundles", 80, f -> f.bundles().size());
        sash.setWeights(3, 1);

        Group install = new Group(parent, SWT.NONE);
        install.setText("Features: install from an update site, or uninstall the selected one");
        install.setLayout(new GridLayout(6, false));
        install.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        new Label(install, SWT.NONE).setText("Update site URL:");
        repository = new Text(install, SWT.BORDER);
        repository.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        new Label(install, SWT.NONE).setText("Feature id:");
        featureId = new Text(install, SWT.BORDER);
        featureId.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        button(install, "Install feature", this::installFeature);
        button(install, "Uninstall feature", () -> execute(WorkbenchIds.COMMAND_UNINSTALL_FEATURE, Map.of(),
                features.getStructuredSelection().getFirstElement()));

        status = new Label(parent, SWT.NONE);
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        refresh();
    }

    @Focus
    void focus() {
        bundles.getTable().setFocus();
    }

    @Inject
    @Optional
    void onRefresh(@UIEventTopic(WorkbenchTopics.REFRESH) Object ignored) {
        refresh();
    }

    @Inject
    @Optional
    void onBundlesChanged(@UIEventTopic(WorkbenchTopics.BUNDLES_CHANGED) String done) {
        if (status != null && !status.isDisposed()) {
            status.setText("Done: " + done);
        }
        refresh();
    }

    private void refresh() {
        BundleManager current = manager;
        if (current == null) {
            status.setText("No bundle manager: log in to a server, or start the workbench in embedded mode "
                    + "(-Ddeskplane.mode=embedded).");
            return;
        }
        status.setText("Reading bundles and features …");
        runner.run("Read bundles and features", () -> new Snapshot(current.bundles(), current.features()),
                this::show);
    }

    private void show(Snapshot snapshot) {
        if (bundles.getTable().isDisposed()) {
            return;
        }
        bundles.setInput(snapshot.bundles());
        features.setInput(snapshot.features());
        long active = snapshot.bundles().stream().filter(b -> "ACTIVE".equals(b.state())).count();
        status.setText(snapshot.bundles().size() + " bundles (" + active + " active), " + snapshot.features().size()
                + " features");
    }

    private void installFeature() {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put(WorkbenchIds.PARAMETER_REPOSITORY, repository.getText().trim());
        parameters.put(WorkbenchIds.PARAMETER_FEATURE_ID, featureId.getText().trim());
        execute(WorkbenchIds.COMMAND_INSTALL_FEATURE, parameters, null);
    }

    /** The handler asks for the jar file (FileDialog) and installs it off the UI thread. */
    private void installBundle() {
        execute(WorkbenchIds.COMMAND_INSTALL_BUNDLE,
                Map.of(WorkbenchIds.PARAMETER_START, Boolean.toString(startAfterInstall.getSelection())), null);
    }

    private void onSelectedBundle(String commandId) {
        execute(commandId, Map.of(), bundles.getStructuredSelection().getFirstElement());
    }

    private void execute(String commandId, Map<String, Object> parameters, Object selected) {
        ParameterizedCommand command = commands.createCommand(commandId, parameters);
        // the selection goes along explicitly: the button may be pressed before the part became active
        IEclipseContext staticContext = EclipseContextFactory.create("deskplane-bundles-button");
        if (selected != null) {
            staticContext.set(IServiceConstants.ACTIVE_SELECTION, selected);
        }
        try {
            if (command == null || !handlers.canExecute(command, staticContext)) {
                status.setText(needsSelection(commandId) && selected == null
                        ? (WorkbenchIds.COMMAND_UNINSTALL_FEATURE.equals(commandId) ? "Select a feature first."
                                : "Select a bundle first.")
                        : "Not possible right now (not connected?).");
                return;
            }
            handlers.executeHandler(command, staticContext);
        } finally {
            staticContext.dispose();
        }
    }

    private static boolean needsSelection(String commandId) {
        return !WorkbenchIds.COMMAND_REFRESH.equals(commandId) && !WorkbenchIds.COMMAND_INSTALL_FEATURE.equals(commandId)
                && !WorkbenchIds.COMMAND_INSTALL_BUNDLE.equals(commandId);
    }

    private static void button(Composite parent, String label, Runnable action) {
        Button button = new Button(parent, SWT.PUSH);
        button.setText(label);
        button.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, false, false));
        button.addListener(SWT.Selection, e -> action.run());
    }
}
