package org.deskplane.content.ui.internal;

import static org.deskplane.content.ui.internal.ContentWidgets.WIDGETS;

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
import org.deskplane.workbench.platform.ui.support.RefreshingPart;
import org.deskplane.workbench.platform.ui.support.ServiceWatch;
import org.deskplane.workbench.platform.ui.support.Widgets;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;

import jakarta.annotation.PostConstruct;

/**
 * Browse the data sources the server offers the logged-in user — for an admin, the shares, desktops and data disks
 * the server lets admins see — and download files. Folders are listed lazily when expanded. Reads run off the UI
 * thread through the {@link OperationRunner} (errors in a dialog), downloads in a {@link DownloadJob}. The server
 * applies the content policies and audits every call as the logged-in user.
 * <p>
 * "View as:" shows exactly what one user sees instead (their sources, their policies' denials), read-only: the
 * server audits the administrator acting for that user. Switching reloads the sources.
 */
public class ContentPart extends RefreshingPart {

    /** The context sent with calls. Remotely it is not used: the server takes who and where from the session. */
    private static final RequestContext WORKBENCH = new RequestContext("workbench", Role.ADMIN, null, "desktop");

    private ServiceWatch<ContentAccess> access;
    private ViewAsUsers users;
    private Combo viewAsCombo;
    private Label viewLabel;
    private final List<ViewAs> views = new ArrayList<>(List.of(ViewAs.OWN));
    private volatile ViewAs view = ViewAs.OWN;
    private Combo sourceCombo;
    private TreeViewer tree;
    private Label status;
    private final List<DataSource> sources = new ArrayList<>();
    private final AtomicLong generation = new AtomicLong();

    @PostConstruct
    void create(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        Composite viewRow = Widgets.row(parent, 3);
        new Label(viewRow, SWT.NONE).setText("View as:");
        viewAsCombo = new Combo(viewRow, SWT.READ_ONLY | SWT.DROP_DOWN);
        viewAsCombo.setData(WIDGETS.key(), "viewAs");
        viewAsCombo.setToolTipText("Show exactly what one user sees (read-only, audited as you acting for them)");
        viewAsCombo.add(ViewAs.OWN.label());
        viewAsCombo.select(0);
        viewAsCombo.addListener(SWT.Selection, e -> chooseView());
        viewLabel = new Label(viewRow, SWT.NONE);
        viewLabel.setData(WIDGETS.key(), "view");
        viewLabel.setText(ViewAs.OWN.banner());
        viewLabel.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        Composite top = Widgets.row(parent, 5);
        new Label(top, SWT.NONE).setText("Data source:");
        sourceCombo = focusOn(new Combo(top, SWT.READ_ONLY | SWT.DROP_DOWN));
        sourceCombo.setData(WIDGETS.key(), "sources");
        sourceCombo.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        sourceCombo.addListener(SWT.Selection, e -> showSelectedSource());
        WIDGETS.button(top, "refresh", "Refresh",
                "Read the users, the data sources and the chosen one's root folder again", this::refresh);
        WIDGETS.button(top, "download", "Download\u2026", "Save the selected file to this computer", this::download);

        tree = new TreeViewer(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE | SWT.V_SCROLL | SWT.H_SCROLL);
        tree.setContentProvider(new FolderContent(this::list));
        tree.setUseHashlookup(true);
        tree.getTree().setHeaderVisible(true);
        tree.getTree().setLinesVisible(true);
        tree.getTree().setData(WIDGETS.key(), "entries");
        tree.getTree().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        EntryColumns.create(tree);
        tree.addDoubleClickListener(e -> download());

        status = new Label(parent, SWT.NONE);
        status.setData(WIDGETS.key(), "status");
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));

        access = closeOnDispose(new ServiceWatch<>(ContentPart.class, ContentAccess.class,
                () -> ui(this::readSources)));
        users = closeOnDispose(new ViewAsUsers(() -> ui(this::readUsers)));
        refresh();
    }

    /** Fills "View as:" with the users (an administrator's list; for anyone else it stays at their own view). */
    private void readUsers() {
        if (viewAsCombo == null || viewAsCombo.isDisposed()) {
            return;
        }
        runner().run("Read the users", () -> {
            try {
                return users.list();
            } catch (RuntimeException notAllowedOrAway) {
                // not an administrator (403), or no server: only one's own view is offered
                return List.<org.deskplane.security.api.UserAccount>of();
            }
        }, listed -> {
            if (viewAsCombo.isDisposed()) {
                return;
            }
            String current = view.user() == null ? null : view.user().username();
            views.clear();
            views.add(ViewAs.OWN);
            listed.forEach(user -> views.add(new ViewAs(user)));
            viewAsCombo.removeAll();
            int index = 0;
            for (int i = 0; i < views.size(); i++) {
                viewAsCombo.add(views.get(i).label());
                if (current != null && views.get(i).user() != null && views.get(i).user().username().equals(current)) {
                    index = i;
                }
            }
            viewAsCombo.select(index);
            if (!views.get(index).equals(view)) {
                view = views.get(index);
                viewLabel.setText(view.banner());
                readSources();
            }
        });
    }

    private void chooseView() {
        int index = viewAsCombo.getSelectionIndex();
        ViewAs chosen = index < 0 || index >= views.size() ? ViewAs.OWN : views.get(index);
        if (!chosen.equals(view)) {
            view = chosen;
            viewLabel.setText(chosen.banner());
            viewLabel.getParent().layout();
            sources.clear();
            sourceCombo.removeAll();
            tree.setInput(List.of());
            readSources();
        }
    }

    /** The context of the view chosen now. */
    private RequestContext context() {
        return view.context(WORKBENCH);
    }

    /** The workbench's Refresh and the Refresh button: the users, the data sources and the chosen one's root. */
    @Override
    protected void refresh() {
        readSources();
        readUsers();
    }

    private void readSources() {
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
        ViewAs reading = view;
        status.setText("Reading the data sources \u2026");
        runner().run("Read the data sources", () -> service.sources(reading.context(WORKBENCH)), listed -> {
            if (sourceCombo.isDisposed() || reading != view) { // another view was chosen meanwhile: its answer wins
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
            status.setText(listed.size() + " data source(s)" + (reading.user() == null ? ""
                    : " of " + reading.user().username()));
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
        RequestContext context = context();
        status.setText("Listing " + where + " \u2026");
        runner().run("List " + where, () -> {
            try {
                List<FolderNode> children = service.list(context, folder.sourceId(), folder.entry().path()).stream()
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
        new DownloadJob(service, context(), node.sourceId(), node.entry().path(), target, error -> ui(() -> {
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
}
