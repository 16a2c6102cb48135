package org.deskplane.content.ui.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.deskplane.content.api.ContentAccess;
import org.deskplane.content.api.ContentEntry;
import org.deskplane.content.api.DataSource;
import org.deskplane.content.api.EntryType;
import org.deskplane.content.api.RequestContext;
import org.deskplane.security.api.Role;
import org.deskplane.workbench.OperationRunner;
import org.deskplane.workbench.WorkbenchTopics;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/**
 * Browse the data sources the server offers the logged-in user — for an admin, the shares, desktops and data disks
 * the server lets admins see — and download files. Folders are listed lazily when expanded. Reads run off the UI
 * thread through the {@link OperationRunner} (errors in a dialog), downloads in a {@link DownloadJob}. The server
 * applies the content policies and audits every call as the logged-in user.
 */
public class ContentPart {

    /** The context sent with calls. Remotely it is not used: the server takes who and where from the session. */
    private static final RequestContext WORKBENCH = new RequestContext("workbench", Role.ADMIN, null, "desktop");

    @Inject
    private OperationRunner runner;
    @Inject
    private Display display;

    private ServiceWatch<ContentAccess> access;
    private Combo sourceCombo;
    private TreeViewer tree;
    private Label status;
    private final List<DataSource> sources = new ArrayList<>();
    private final AtomicLong generation = new AtomicLong();

    @PostConstruct
    void create(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        Composite top = Widgets.row(parent, 5);
        new Label(top, SWT.NONE).setText("Data source:");
        sourceCombo = new Combo(top, SWT.READ_ONLY | SWT.DROP_DOWN);
        sourceCombo.setData(Widgets.KEY, "sources");
        sourceCombo.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        sourceCombo.addListener(SWT.Selection, e -> showSelectedSource());
        Widgets.button(top, "refresh", "Refresh", "Read the data sources and the chosen one's root folder again",
                this::refresh);
        Widgets.button(top, "download", "Download\u2026", "Save the selected file to this computer", this::download);

        tree = new TreeViewer(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE | SWT.V_SCROLL | SWT.H_SCROLL);
        tree.setContentProvider(new FolderContent(this::list));
        tree.setUseHashlookup(true);
        tree.getTree().setHeaderVisible(true);
        tree.getTree().setLinesVisible(true);
        tree.getTree().setData(Widgets.KEY, "entries");
        tree.getTree().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        EntryColumns.create(tree);
        tree.addDoubleClickListener(e -> download());

        status = new Label(parent, SWT.NONE);
        status.setData(Widgets.KEY, "status");
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));

        access = new ServiceWatch<>(ContentAccess.class, () -> ui(this::refresh));
        refresh();
    }

    @PreDestroy
    void dispose() {
        if (access != null) {
            access.close();
        }
    }

    @Focus
    void focus() {
        sourceCombo.setFocus();
    }

    @Inject
    @Optional
    void onRefresh(@UIEventTopic(WorkbenchTopics.REFRESH) Object ignored) {
        refresh();
    }

    private void refresh() {
        if (tree == null || tree.getTree().isDisposed()) {
            return;
        }
        ContentAccess service = access.current();
        if (service == null) {
            sources.clear();
            sourceCombo.removeAll();
            tree.setInput(List.of());
            status.setText("No content access: log in to a server that has the content feature.");
            return;
        }
        String selected = selectedSourceId();
        status.setText("Reading the data sources \u2026");
        runner.run("Read the data sources", () -> service.sources(WORKBENCH), listed -> {
            if (sourceCombo.isDisposed()) {
                return;
            }
            sources.clear();
            sources.addAll(listed);
            sourceCombo.removeAll();
            int index = listed.isEmpty() ? -1 : 0;
            for (int i = 0; i < listed.size(); i++) {
                sourceCombo.add(describe(listed.get(i)));
                index = listed.get(i).id().equals(selected) ? i : index;
            }
            if (index >= 0) {
                sourceCombo.select(index);
            }
            status.setText(listed.size() + " data source(s)");
            showSelectedSource();
        });
    }

    /** One combo line: what an admin needs to tell sources apart. */
    static String describe(DataSource source) {
        StringBuilder text = new StringBuilder(source.id()).append("   (").append(source.kind());
        if (!source.backend().isEmpty()) {
            text.append(", ").append(source.backend());
        }
        if (!source.state().isEmpty()) {
            text.append(", ").append(source.state());
        }
        text.append(source.writable() ? ", writable" : ", read-only").append(')');
        if (!source.note().isEmpty()) {
            text.append("   ").append(source.note());
        }
        return text.toString();
    }

    private String selectedSourceId() {
        int index = sourceCombo.getSelectionIndex();
        return index < 0 || index >= sources.size() ? null : sources.get(index).id();
    }

    private void showSelectedSource() {
        String sourceId = selectedSourceId();
        if (sourceId == null) {
            tree.setInput(List.of());
            return;
        }
        // the root folder is a node like any other: listing it is the same lazy read
        FolderNode root = new FolderNode(sourceId, new ContentEntry("", "/", EntryType.DIRECTORY, 0, null, null, null));
        long current = generation.incrementAndGet();
        root.request();
        readFolder(root, children -> {
            if (current == generation.get()) { // a source chosen later wins over a late answer
                tree.setInput(children);
                status.setText(sourceId + ": " + children.size() + " entries in /");
            }
        });
    }

    /** Called by the content provider when a folder is first expanded. */
    private void list(FolderNode folder) {
        readFolder(folder, children -> {
            if (!tree.getTree().isDisposed()) {
                tree.refresh(folder);
                status.setText(folder.sourceId() + ": " + children.size() + " entries in " + folder.entry().path());
            }
        });
    }

    private void readFolder(FolderNode folder, java.util.function.Consumer<List<FolderNode>> show) {
        ContentAccess service = access.current();
        if (service == null) {
            return;
        }
        String where = folder.sourceId() + folder.entry().path();
        status.setText("Listing " + where + " \u2026");
        runner.run("List " + where, () -> {
            try {
                List<FolderNode> children = service.list(WORKBENCH, folder.sourceId(), folder.entry().path()).stream()
                        .sorted(Comparator.comparing((ContentEntry e) -> !e.directory())
                                .thenComparing(ContentEntry::name, String.CASE_INSENSITIVE_ORDER))
                        .map(entry -> new FolderNode(folder.sourceId(), entry)).toList();
                folder.children(children);
                return children;
            } catch (Exception e) {
                folder.forget();
                ui(() -> status.setText("Listing " + where + " failed: " + e.getMessage()));
                throw e;
            }
        }, show);
    }

    private void download() {
        FolderNode node = selectedFile();
        if (node == null) {
            return;
        }
        FileDialog dialog = new FileDialog(tree.getTree().getShell(), SWT.SAVE);
        dialog.setText("Save " + node.entry().name());
        dialog.setFileName(node.entry().name());
        dialog.setOverwrite(true);
        String chosen = dialog.open();
        if (chosen != null) {
            downloadSelectedTo(Path.of(chosen));
        }
    }

    /**
     * Downloads the selected file to {@code target} in a {@link DownloadJob}. What Download… does after the file
     * dialog; UI tests call it directly because a native file dialog cannot be driven.
     */
    void downloadSelectedTo(Path target) {
        FolderNode node = selectedFile();
        ContentAccess service = access.current();
        if (node == null || service == null) {
            status.setText(node == null ? "Select a file first." : "No content access: log in first.");
            return;
        }
        String what = node.sourceId() + node.entry().path();
        status.setText("Downloading " + what + " \u2026");
        new DownloadJob(service, WORKBENCH, node.sourceId(), node.entry().path(), target, error -> ui(() -> {
            if (error == null) {
                status.setText("Saved " + what + " to " + target);
            } else {
                status.setText("Download of " + what + " failed: " + error.getMessage());
                if (!(error instanceof InterruptedException)) {
                    MessageDialog.openError(tree.getTree().getShell(), "Download of " + what + " failed",
                            error.getMessage());
                }
            }
        })).schedule();
    }

    private FolderNode selectedFile() {
        Object selected = tree.getStructuredSelection().getFirstElement();
        if (!(selected instanceof FolderNode node) || !EntryColumns.isFile(node.entry())) {
            status.setText("Select a file first.");
            return null;
        }
        return node;
    }

    private void ui(Runnable action) {
        if (display != null && !display.isDisposed()) {
            display.asyncExec(() -> {
                if (tree != null && !tree.getTree().isDisposed()) {
                    action.run();
                }
            });
        }
    }
}
