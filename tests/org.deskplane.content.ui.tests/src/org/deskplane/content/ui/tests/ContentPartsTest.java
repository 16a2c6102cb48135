package org.deskplane.content.ui.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.deskplane.client.ServerConnection;
import org.deskplane.content.api.ContentAccess;
import org.deskplane.content.api.ContentException;
import org.deskplane.content.api.ContentPolicies;
import org.deskplane.content.api.ContentReader;
import org.deskplane.content.api.RequestContext;
import org.deskplane.workbench.testing.Widgets;
import org.deskplane.workbench.testing.RemoteSignIn;
import org.deskplane.workbench.testing.Dialogs;
import org.deskplane.workbench.testing.RunningWorkbench;
import org.deskplane.workbench.testing.ServerUnderTest;
import org.deskplane.workbench.testing.WorkbenchModel;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The workbench logs in as admin to the real server product, which serves one share ({@value #SOURCE}, the
 * folder this module's build prepared from {@code share/}), and the Content and Policies parts show and drive it:
 * choose the share, expand a folder, download a file (read by Range through the REST client), add a DENY rule
 * through the editor dialog, see it refuse a read, see a broken rule refused, delete the rule.
 */
class ContentPartsTest {

    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final Duration DATA = Duration.ofSeconds(60);
    private static final String CONTENT_PART = "org.deskplane.content.ui.part.content";
    private static final String POLICIES_PART = "org.deskplane.content.ui.part.policies";
    private static final String WIDGET_KEY = "org.deskplane.content.ui.widget";
    private static final String SOURCE = "share:cuitest";
    private static final String RULE = "deny-quarterly-csv";
    /** Larger than one Range request of the client (4 MiB): the download takes several. */
    private static final int LARGE_SIZE = 9 * 1024 * 1024 + 321;
    private static final RequestContext ANY = new RequestContext("ignored-remotely", null, null, "desktop");

    private static RunningWorkbench workbench;
    private static Path share;

    @BeforeAll
    static void startWorkbench() throws Exception {
        String serverUrl = ServerUnderTest.setting("deskplane.test.serverUrl", null);
        String password = ServerUnderTest.setting("deskplane.test.adminPassword", null);
        String shareDir = ServerUnderTest.setting("deskplane.test.shareDir", null);
        if (serverUrl == null || password == null || shareDir == null) {
            throw new IllegalStateException("set deskplane.test.serverUrl, deskplane.test.adminPassword and "
                    + "deskplane.test.shareDir (the test module's pom starts the server product and sets them)");
        }
        share = Path.of(shareDir);
        byte[] large = new byte[LARGE_SIZE];
        new Random(4).nextBytes(large);
        Files.write(share.resolve("reports/large.bin"), large);
        ServerUnderTest.awaitSignIn(URI.create(serverUrl), Duration.ofSeconds(120));
        String fingerprint = ServerConnection.probeCertificate(URI.create(serverUrl)).sha256Fingerprint();
        workbench = RemoteSignIn.start(serverUrl, ServerUnderTest.setting("deskplane.test.adminUser", "admin"), password, fingerprint, STARTUP);
    }

    @AfterAll
    static void stop() throws Exception {
        RemoteSignIn.stop(workbench);
    }

    @Test
    void contentPartBrowsesTheShareAndDownloadsAFile() throws Exception {
        WorkbenchModel.activate(workbench, CONTENT_PART);
        String item = workbench.await("the share in the source list", DATA, wb -> {
            Combo combo = (Combo) widget(partComposite(wb.getApplication(), CONTENT_PART), "sources");
            if (combo == null) {
                return null;
            }
            for (int i = 0; i < combo.getItemCount(); i++) {
                if (combo.getItem(i).startsWith(SOURCE + " ")) {
                    combo.select(i);
                    combo.notifyListeners(SWT.Selection, new Event());
                    return combo.getItem(i);
                }
            }
            return null;
        });
        assertTrue(item.contains("SHARE") && item.contains("share") && item.contains("read-only"),
                "kind, backend, writability: " + item);

        List<String> readme = awaitRow("readme.txt in /", null, "readme.txt");
        assertEquals(List.of("readme.txt", "file", Files.size(share.resolve("readme.txt")) + " B"), readme.subList(0, 3));
        assertTrue(!readme.get(3).isEmpty(), "modified time shown: " + readme);
        List<String> reports = awaitRow("reports/ in /", null, "reports");
        assertEquals("folder", reports.get(1));

        workbench.ui(wb -> {
            expand(find(tree(wb.getApplication()).getItems(), "reports"));
            return null;
        });
        List<String> csv = awaitRow("quarterly.csv in /reports", "reports", "quarterly.csv");
        assertEquals(List.of("quarterly.csv", "file", Files.size(share.resolve("reports/quarterly.csv")) + " B"),
                csv.subList(0, 3));
        assertEquals("folder", awaitRow("2026/ in /reports", "reports", "2026").get(1));
        assertEquals("9.0 MiB", awaitRow("large.bin in /reports", "reports", "large.bin").get(2));
        List<String> children = workbench.ui(wb -> {
            List<String> names = new ArrayList<>();
            for (TreeItem child : find(tree(wb.getApplication()).getItems(), "reports").getItems()) {
                names.add(child.getText(0));
            }
            return names;
        });
        assertEquals(List.of("2026", "large.bin", "quarterly.csv"), children, "folders first, then files by name");
        WorkbenchModel.screenshot(workbench, "content-part");

        // Download…: the part's job, into a file (the native file dialog is skipped: it cannot be driven)
        Path target = Path.of(ServerUnderTest.setting("deskplane.test.downloadDir", "target/downloads"))
                .resolve("large-downloaded.bin");
        Files.createDirectories(target.getParent());
        Files.deleteIfExists(target);
        workbench.ui(wb -> {
            Tree tree = tree(wb.getApplication());
            tree.setSelection(find(find(tree.getItems(), "reports").getItems(), "large.bin"));
            tree.notifyListeners(SWT.Selection, new Event());
            Object part = WorkbenchModel.part(wb.getApplication(), CONTENT_PART).getObject();
            try {
                Method download = part.getClass().getDeclaredMethod("downloadSelectedTo", Path.class);
                download.setAccessible(true);
                download.invoke(part, target);
            } catch (ReflectiveOperationException e) {
                throw new AssertionError("the Content part has no downloadSelectedTo(Path)", e);
            }
            return null;
        });
        String saved = workbench.await("download finished", DATA, wb -> {
            String text = status(wb.getApplication(), CONTENT_PART);
            return text.startsWith("Saved ") || text.contains("failed") ? text : null;
        });
        assertTrue(saved.startsWith("Saved " + SOURCE + "/reports/large.bin"), saved);
        assertArrayEquals(Files.readAllBytes(share.resolve("reports/large.bin")), Files.readAllBytes(target),
                "the downloaded file equals the share's");
    }

    @Test
    void policiesPartAddsADenyRuleThatTakesEffectAndDeletesIt() throws Exception {
        ContentAccess access = service(ContentAccess.class);
        ContentPolicies policies = service(ContentPolicies.class);
        // the server keeps its rules in target/content-server/cm: a run that failed half-way may have left this one
        if (policies.list().stream().anyMatch(rule -> rule.name().equals(RULE))) {
            policies.delete("test", RULE);
        }
        try (ContentReader reader = access.open(ANY, SOURCE, "/reports/quarterly.csv")) {
            assertEquals(Files.size(share.resolve("reports/quarterly.csv")), reader.entry().size(), "readable before");
        }
        WorkbenchModel.activate(workbench, POLICIES_PART);
        workbench.await("policies read", DATA, wb -> status(wb.getApplication(), POLICIES_PART).contains("rule(s)")
                ? true : null);

        Shell editor = Dialogs.openBy(workbench, DATA, wb -> widget(partComposite(wb.getApplication(), POLICIES_PART), "add"), "Add policy rule");
        workbench.ui(wb -> {
            text(editor, "name").setText(RULE);
            text(editor, "order").setText("5");
            text(editor, "effect").setText("DENY");
            text(editor, "operations").setText("READ");
            text(editor, "sources").setText(SOURCE);
            text(editor, "paths").setText("/reports/quarterly.csv, /reports/*.tsv");
            text(editor, "roles").setText("USER");
            return null;
        });
        WorkbenchModel.screenshot(workbench, "policies-editor");
        Dialogs.press(workbench, editor, "Save");
        List<String> row = awaitPolicy(RULE, true);
        assertEquals(List.of("5", RULE, "DENY", "READ", "/reports/quarterly.csv, /reports/*.tsv", SOURCE), row.subList(0, 6));
        assertEquals("USER", row.get(7));
        WorkbenchModel.screenshot(workbench, "policies-part");
        assertTrue(service(ContentPolicies.class).list().stream().anyMatch(rule -> rule.name().equals(RULE)
                && rule.effect().equals("DENY")), "the server has the rule");

        ContentException denied = assertThrows(ContentException.class,
                () -> access.open(ANY, SOURCE, "/reports/quarterly.csv").close(), "the rule refuses the read");
        assertEquals(ContentException.Reason.DENIED, denied.reason(), denied.getMessage());

        // a rule the server cannot use is refused with its reason, in a dialog
        Shell broken = Dialogs.openBy(workbench, DATA, wb -> widget(partComposite(wb.getApplication(), POLICIES_PART), "add"), "Add policy rule");
        workbench.ui(wb -> {
            text(broken, "name").setText("broken-rule");
            text(broken, "effect").setText("MAYBE");
            return null;
        });
        Dialogs.press(workbench, broken, "Save");
        String error = Dialogs.awaitText(workbench, DATA, "Save policy rule broken-rule failed");
        assertTrue(error.contains("400"), "the server's validation error: " + error);
        WorkbenchModel.screenshot(workbench, "policies-refused");
        Dialogs.close(workbench, "Save policy rule broken-rule failed");
        assertTrue(workbench.ui(wb -> status(wb.getApplication(), POLICIES_PART)).contains("failed"),
                "the status line says so too");
        assertTrue(service(ContentPolicies.class).list().stream().noneMatch(rule -> rule.name().equals("broken-rule")),
                "the server did not store the broken rule");
        assertTrue(workbench.ui(wb -> WorkbenchModel.tableRows(WorkbenchModel.part(wb.getApplication(), POLICIES_PART),
                "policies")).stream().noneMatch(r -> r.get(1).equals("broken-rule")), "nor does the table show it");

        workbench.ui(wb -> {
            org.eclipse.swt.widgets.Table table = WorkbenchModel.findTable(
                    partComposite(wb.getApplication(), POLICIES_PART), "policies");
            for (int i = 0; i < table.getItemCount(); i++) {
                if (table.getItem(i).getText(1).equals(RULE)) {
                    table.setSelection(i);
                    table.notifyListeners(SWT.Selection, new Event());
                }
            }
            return null;
        });
        Shell confirm = Dialogs.openBy(workbench, DATA, wb -> widget(partComposite(wb.getApplication(), POLICIES_PART), "delete"), "Delete policy rule");
        Dialogs.press(workbench, confirm, "OK");
        awaitPolicy(RULE, false);
        try (ContentReader reader = access.open(ANY, SOURCE, "/reports/quarterly.csv")) {
            assertEquals(Files.size(share.resolve("reports/quarterly.csv")), reader.entry().size(), "readable again");
        }
    }

    @Test
    void viewAsShowsExactlyThatUsersSources() throws Exception {
        // cuibob's share (reports/2026) and cuialice's (reports) are configured for them by name (server/cm)
        createUser("cuibob", "USER");
        WorkbenchModel.activate(workbench, CONTENT_PART);
        List<String> own = awaitSourceItems("the administrator's own sources", items -> items.stream()
                .anyMatch(i -> i.startsWith("share:cuialice ")) && items.stream().anyMatch(i -> i.startsWith(SOURCE + " ")));
        assertTrue(own.stream().anyMatch(i -> i.startsWith("share:cuibob ")), own.toString());
        assertEquals("Viewing: your own view", label("view"));

        // Refresh reads the users again (cuibob was made after sign-in); then choose cuibob in "View as:"
        press("refresh");
        workbench.await("cuibob in View as:", DATA, wb -> {
            Combo viewAs = (Combo) widget(partComposite(wb.getApplication(), CONTENT_PART), "viewAs");
            for (int i = 0; i < viewAs.getItemCount(); i++) {
                if (viewAs.getItem(i).equals("cuibob (USER)")) {
                    viewAs.select(i);
                    viewAs.notifyListeners(SWT.Selection, new Event());
                    return true;
                }
            }
            return null;
        });
        assertTrue(label("view").startsWith("Viewing as cuibob (USER)"), label("view"));
        List<String> bobs = awaitSourceItems("cuibob's sources", items -> items.size() == 2
                && items.stream().anyMatch(i -> i.startsWith("share:cuibob ")));
        assertEquals(List.of("share:cuibob", SOURCE), bobs.stream().map(i -> i.substring(0, i.indexOf(' '))).sorted()
                .toList(), "exactly cuibob's: his own share and the one for every USER, not cuialice's: " + bobs);
        workbench.ui(wb -> {
            Combo combo = (Combo) widget(partComposite(wb.getApplication(), CONTENT_PART), "sources");
            for (int i = 0; i < combo.getItemCount(); i++) {
                if (combo.getItem(i).startsWith("share:cuibob ")) {
                    combo.select(i);
                    combo.notifyListeners(SWT.Selection, new Event());
                }
            }
            return null;
        });
        assertEquals("file", awaitRow("notes.txt of cuibob's share", null, "notes.txt").get(1));
        WorkbenchModel.screenshot(workbench, "content-view-as-cuibob");

        // and back to the administrator's own view
        workbench.ui(wb -> {
            Combo viewAs = (Combo) widget(partComposite(wb.getApplication(), CONTENT_PART), "viewAs");
            viewAs.select(0);
            viewAs.notifyListeners(SWT.Selection, new Event());
            return null;
        });
        awaitSourceItems("the own view again", items -> items.stream().anyMatch(i -> i.startsWith("share:cuialice ")));
        assertEquals("Viewing: your own view", label("view"));
    }

    /** Creates a user through the REST API as the signed-in administrator (the workbench has no user editor). */
    private static void createUser(String name, String role) throws Exception {
        ServerConnection connection = service(ServerConnection.class);
        if (connection.users().stream().anyMatch(user -> user.username().equals(name))) {
            return;
        }
        javax.net.ssl.SSLContext pinned = javax.net.ssl.SSLContext.getInstance("TLS");
        String fingerprint = ServerConnection.probeCertificate(connection.baseUrl()).sha256Fingerprint();
        assertEquals(connection.certificate().sha256Fingerprint(), fingerprint, "the server the workbench trusts");
        pinned.init(null, new javax.net.ssl.TrustManager[] { new javax.net.ssl.X509TrustManager() {
            @Override
            public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType)
                    throws java.security.cert.CertificateException {
                try {
                    String presented = java.util.HexFormat.ofDelimiter(":").withUpperCase().formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(chain[0].getEncoded()));
                    if (!presented.replace(":", "").equalsIgnoreCase(fingerprint.replace(":", ""))) {
                        throw new java.security.cert.CertificateException("not the pinned certificate");
                    }
                } catch (java.security.NoSuchAlgorithmException e) {
                    throw new java.security.cert.CertificateException(e);
                }
            }

            @Override
            public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                return new java.security.cert.X509Certificate[0];
            }
        } }, null);
        try (java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().sslContext(pinned).build()) {
            java.net.http.HttpResponse<String> created = http.send(java.net.http.HttpRequest
                    .newBuilder(connection.baseUrl().resolve("/api/users"))
                    .header("Authorization", "Bearer " + connection.session().token())
                    .header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"username\":\"" + name
                            + "\",\"password\":\"" + name + "-password-123456\",\"role\":\"" + role + "\"}"))
                    .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(201, created.statusCode(), created.body());
        }
    }

    /** Waits until the Content part's source list satisfies {@code ready}; returns its lines. */
    private static List<String> awaitSourceItems(String what, java.util.function.Predicate<List<String>> ready)
            throws InterruptedException {
        return workbench.await(what, DATA, wb -> {
            Combo combo = (Combo) widget(partComposite(wb.getApplication(), CONTENT_PART), "sources");
            if (combo == null) {
                return null;
            }
            List<String> items = List.of(combo.getItems());
            return ready.test(items) ? items : null;
        });
    }

    private static String label(String id) {
        return workbench.ui(wb -> ((Label) widget(partComposite(wb.getApplication(), CONTENT_PART), id)).getText());
    }

    private static void press(String id) {
        workbench.ui(wb -> {
            widget(partComposite(wb.getApplication(), CONTENT_PART), id).notifyListeners(SWT.Selection, new Event());
            return null;
        });
    }

    // --- driving the parts -----------------------------------------------------------------------------

    /** The remote service the workbench registered after login (the parts use the same one). */
    private static <S> S service(Class<S> type) throws InterruptedException {
        ServiceTracker<S, S> tracker = new ServiceTracker<>(FrameworkUtil.getBundle(ContentPartsTest.class)
                .getBundleContext(), type, null);
        tracker.open();
        try {
            S service = tracker.waitForService(TimeUnit.SECONDS.toMillis(30));
            if (service == null) {
                throw new AssertionError("no " + type.getSimpleName() + " service after login");
            }
            return service;
        } finally {
            tracker.close();
        }
    }

    /** Waits until the policies table has ({@code present}) or no longer has a row for the rule. */
    private static List<String> awaitPolicy(String name, boolean present) throws InterruptedException {
        return workbench.await((present ? "" : "no ") + "rule " + name, DATA, wb -> {
            MPart part = WorkbenchModel.part(wb.getApplication(), POLICIES_PART);
            List<List<String>> rows = WorkbenchModel.tableRows(part, "policies");
            List<String> row = rows.stream().filter(r -> r.get(1).equals(name)).findFirst().orElse(null);
            if (present) {
                return row;
            }
            return row == null && status(wb.getApplication(), POLICIES_PART).contains("rule(s)") ? List.<String>of()
                    : null;
        });
    }

    /** Waits for the row {@code name} among the top level ({@code folder} null) or a folder's children. */
    private static List<String> awaitRow(String what, String folder, String name) throws InterruptedException {
        return workbench.await(what, DATA, wb -> {
            Tree tree = tree(wb.getApplication());
            if (tree == null) {
                return null;
            }
            TreeItem[] items = tree.getItems();
            if (folder != null) {
                TreeItem parent = find(items, folder);
                if (parent == null) {
                    return null;
                }
                items = parent.getItems();
            }
            for (TreeItem item : items) {
                if (name.equals(item.getText(0))) {
                    List<String> row = new ArrayList<>();
                    for (int column = 0; column < tree.getColumnCount(); column++) {
                        row.add(item.getText(column));
                    }
                    return row;
                }
            }
            return null;
        });
    }

    private static Composite partComposite(MApplication application, String partId) {
        return WorkbenchModel.part(application, partId).getWidget() instanceof Composite composite ? composite : null;
    }

    private static Tree tree(MApplication application) {
        Composite composite = partComposite(application, CONTENT_PART);
        return composite == null ? null : (Tree) widget(composite, "entries");
    }

    private static String status(MApplication application, String partId) {
        Composite composite = partComposite(application, partId);
        Label label = composite == null ? null : (Label) widget(composite, "status");
        return label == null ? "" : label.getText();
    }

    private static Text text(Composite parent, String id) {
        Text text = (Text) widget(parent, id);
        if (text == null) {
            throw new AssertionError("no field " + id);
        }
        return text;
    }

    private static Control widget(Composite parent, String id) {
        return Widgets.byId(parent, WIDGET_KEY, id);
    }

    private static TreeItem find(TreeItem[] items, String name) {
        for (TreeItem item : items) {
            if (name.equals(item.getText(0))) {
                return item;
            }
        }
        return null;
    }

    /** Expands as a click on the twistie does: the viewer asks for the children on the Expand event. */
    private static void expand(TreeItem item) {
        Event event = new Event();
        event.item = item;
        item.getParent().notifyListeners(SWT.Expand, event);
        item.setExpanded(true);
    }

}
