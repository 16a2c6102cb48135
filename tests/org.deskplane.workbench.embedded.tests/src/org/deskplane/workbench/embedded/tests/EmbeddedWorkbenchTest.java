package org.deskplane.workbench.embedded.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deskplane.workbench.testing.RunningWorkbench;
import org.deskplane.workbench.testing.ProductApplicationContext;
import static org.deskplane.workbench.testing.WorkbenchModel.*;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.deskplane.bundles.api.BundleManager;
import org.deskplane.bundles.api.BundleOperationException;
import org.deskplane.security.api.AuditEvent;
import org.deskplane.security.api.AuditLog;
import org.deskplane.security.api.AuditQuery;
import org.deskplane.workbench.WorkbenchIds;
import org.eclipse.core.commands.ParameterizedCommand;
import org.eclipse.e4.core.commands.ECommandService;
import org.eclipse.e4.core.commands.EHandlerService;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The workbench product in embedded mode ({@code -Ddeskplane.mode=embedded}, set by this module's pom): no
 * login; the workbench starts the service bundles in this very framework, and its parts manage this
 * framework's bundles and show the local audit log, with the OS user as actor.
 */
class EmbeddedWorkbenchTest {

    private static final Duration STARTUP = Duration.ofSeconds(120);
    private static final Duration DATA = Duration.ofSeconds(60);
    private static final String BUNDLES_PART = "org.deskplane.workbench.platform.ui.part.bundles";
    private static final String AUDIT_PART = "org.deskplane.workbench.platform.ui.part.audit";
    private static final String CONTENT_PART = "org.deskplane.content.ui.part.content";
    private static final int NAME = 1;
    private static final int STATE = 3;
    private static final String ACTOR = System.getProperty("user.name");

    private static RunningWorkbench workbench;
    private static FixtureBundle fixture;

    @BeforeAll
    static void startWorkbench() throws Exception {
        if (!WorkbenchIds.MODE_EMBEDDED.equals(System.getProperty(WorkbenchIds.MODE_PROPERTY))) {
            throw new IllegalStateException("run with -Ddeskplane.mode=embedded (this module's pom sets it)");
        }
        Path data = Path.of(required("deskplane.data"));
        deleteTree(data); // a fresh audit log and bundle store each run: assertions then see only this run
        fixture = FixtureBundle.write(Path.of(required("deskplane.test.fixtureDir")));
        workbench = new RunningWorkbench(new ProductApplicationContext());
        workbench.awaitStarted(STARTUP);
    }

    @AfterAll
    static void stop() throws Exception {
        if (workbench != null) {
            workbench.close();
        }
    }

    @Test
    void bundlesTableListsTheWorkbenchsOwnFramework() throws Exception {
        activate(workbench, BUNDLES_PART);
        String self = FrameworkUtil.getBundle(EmbeddedWorkbenchTest.class).getSymbolicName();
        List<List<String>> rows = workbench.await("bundle rows of this framework", DATA, wb -> {
            List<List<String>> shown = tableRows(part(wb.getApplication(), BUNDLES_PART), "bundles");
            return row(shown, self) != null && row(shown, "org.deskplane.workbench") != null ? shown : null;
        });
        // the test bundle itself is listed: the part shows the framework it runs in, not a server's
        assertEquals("ACTIVE", row(rows, "org.deskplane.workbench").get(STATE), "workbench row: " + rows);
        assertEquals("ACTIVE", row(rows, "org.deskplane.bundles").get(STATE),
                "embedded mode started the bundle manager's bundle: " + rows);
        assertEquals("ACTIVE", row(rows, "org.deskplane.security").get(STATE),
                "embedded mode started the security bundle (audit log): " + rows);
        BundleContext context = FrameworkUtil.getBundle(EmbeddedWorkbenchTest.class).getBundleContext();
        List<String> installed = Arrays.stream(context.getBundles()).map(Bundle::getSymbolicName).toList();
        assertTrue(rows.stream().allMatch(row -> installed.contains(row.get(NAME))),
                "every row is a bundle of this framework: " + rows);

        String title = workbench.ui(wb -> window(wb.getApplication()).getLabel());
        assertTrue(title.contains(ACTOR) && title.contains("embedded"), "the window says embedded mode: " + title);
        screenshot(workbench, "embedded-bundles");
    }

    @Test
    void installStopAndStartThroughThePartChangeTheRealBundleAndAreAudited() throws Exception {
        activate(workbench, BUNDLES_PART);
        // the install-jar command as the part's button runs it, with the file given instead of asked for
        workbench.ui(wb -> {
            ECommandService commands = wb.getApplication().getContext().get(ECommandService.class);
            EHandlerService handlers = wb.getApplication().getContext().get(EHandlerService.class);
            ParameterizedCommand install = commands.createCommand(WorkbenchIds.COMMAND_INSTALL_BUNDLE,
                    Map.of(WorkbenchIds.PARAMETER_JAR_PATH, fixture.jar().toString(), WorkbenchIds.PARAMETER_START,
                            "true"));
            return handlers.executeHandler(install);
        });
        awaitFixtureState("ACTIVE");
        assertEquals(Bundle.ACTIVE, fixtureBundle().getState(), "installed and started in this framework");

        pressOnFixture("Stop");
        awaitFixtureState("RESOLVED");
        assertEquals(Bundle.RESOLVED, fixtureBundle().getState(), "the part stopped the real bundle");

        pressOnFixture("Start");
        awaitFixtureState("ACTIVE");
        assertEquals(Bundle.ACTIVE, fixtureBundle().getState(), "the part started the real bundle");
        screenshot(workbench, "embedded-bundles-after-stop-start");

        activate(workbench, AUDIT_PART);
        String target = fixture.symbolicName() + " (" + fixtureBundle().getBundleId() + ")";
        List<List<String>> audit = workbench.await("bundle.stop and bundle.start of the fixture in the audit part",
                DATA, wb -> {
                    MPart part = part(wb.getApplication(), AUDIT_PART);
                    press(part, "Refresh");
                    List<List<String>> shown = tableRows(part, "audit");
                    return audited(shown, "bundle.stop", target) && audited(shown, "bundle.start", target) ? shown
                            : null;
                });
        screenshot(workbench, "embedded-audit");
        // columns: time, actor, action, target, result, detail, source
        assertTrue(audit.stream().anyMatch(row -> row.get(1).equals(ACTOR) && row.get(2).equals("bundle.install")
                && row.get(4).equals("SUCCESS") && row.get(5).contains(fixture.version())),
                "the install is audited with the OS user as actor: " + audit);
        assertTrue(audit.stream().anyMatch(row -> row.get(1).equals(ACTOR) && row.get(2).equals("workbench.start")),
                "the embedded start is audited: " + audit);
        List<String> stop = audit.stream().filter(row -> row.get(2).equals("bundle.stop")).findFirst().orElseThrow();
        assertEquals(List.of(ACTOR, "SUCCESS", "local"), List.of(stop.get(1), stop.get(4), stop.get(6)),
                "stop row: " + stop);
    }

    /**
     * The bundle manager embedded mode publishes for the parts, used as a service: a failed change is recorded
     * as FAILURE with the OS user as actor, and the error still reaches the caller.
     */
    @Test
    void aFailedChangeIsAuditedAsFailureWithTheLocalUserAndStillReported() throws Exception {
        BundleContext context = FrameworkUtil.getBundle(EmbeddedWorkbenchTest.class).getBundleContext();
        ServiceTracker<BundleManager, BundleManager> managers = new ServiceTracker<>(context,
                context.createFilter("(&(objectClass=" + BundleManager.class.getName() + ")("
                        + WorkbenchIds.MODE_PROPERTY + "=" + WorkbenchIds.MODE_EMBEDDED + "))"), null);
        ServiceTracker<AuditLog, AuditLog> logs = new ServiceTracker<>(context, AuditLog.class, null);
        managers.open();
        logs.open();
        try {
            BundleManager manager = managers.waitForService(DATA.toMillis());
            AuditLog log = logs.waitForService(DATA.toMillis());
            assertTrue(manager != null && log != null, "embedded mode publishes its bundle manager and audit log");
            Instant before = Instant.now().minusSeconds(1);
            long noSuchBundle = Long.MAX_VALUE;

            assertThrows(BundleOperationException.class, () -> manager.stop(noSuchBundle),
                    "the caller still gets the error");

            List<AuditEvent> events = log.query(new AuditQuery(before, null, "bundle.stop", 20));
            AuditEvent failure = events.stream().filter(e -> e.target().equals("bundle " + noSuchBundle))
                    .findFirst().orElseThrow(() -> new AssertionError("no audit event for the failed stop: " + events));
            assertEquals(AuditEvent.Result.FAILURE, failure.result());
            assertEquals(ACTOR, failure.actor());
            assertEquals("local", failure.source());
            assertTrue(!failure.detail().isBlank(), "the reason is recorded: " + failure);
        } finally {
            managers.close();
            logs.close();
        }
    }

    @Test
    void theContentPartShowsAShareOfTheInProcessContentAccess() throws Exception {
        Path share = Files.createDirectories(Path.of(required("deskplane.data")).getParent().resolve("embedded-share"));
        Files.writeString(share.resolve("embedded-readme.txt"), "served in-process\n");
        BundleContext context = FrameworkUtil.getBundle(EmbeddedWorkbenchTest.class).getBundleContext();
        ServiceTracker<org.osgi.service.cm.ConfigurationAdmin, org.osgi.service.cm.ConfigurationAdmin> admin =
                new ServiceTracker<>(context, org.osgi.service.cm.ConfigurationAdmin.class, null);
        admin.open();
        org.osgi.service.cm.Configuration configuration = admin.waitForService(DATA.toMillis())
                .createFactoryConfiguration("org.deskplane.content.share", "?");
        try {
            configuration.update(new java.util.Hashtable<>(Map.of("name", "embedded", "root", share.toString(),
                    "roles", new String[] { "USER" })));
            activate(workbench, CONTENT_PART);
            // the part reads the sources again on Refresh; the share's component comes up asynchronously
            workbench.await("share:embedded in the Content part", DATA, wb -> {
                Composite composite = (Composite) part(wb.getApplication(), CONTENT_PART).getWidget();
                org.eclipse.swt.widgets.Combo sources = (org.eclipse.swt.widgets.Combo) contentWidget(composite, "sources");
                for (int i = 0; i < sources.getItemCount(); i++) {
                    if (sources.getItem(i).startsWith("share:embedded ")) {
                        sources.select(i);
                        sources.notifyListeners(SWT.Selection, new Event());
                        return true;
                    }
                }
                contentWidget(composite, "refresh").notifyListeners(SWT.Selection, new Event());
                return null;
            });
            String row = workbench.await("embedded-readme.txt listed", DATA, wb -> {
                Composite composite = (Composite) part(wb.getApplication(), CONTENT_PART).getWidget();
                org.eclipse.swt.widgets.Tree tree = (org.eclipse.swt.widgets.Tree) contentWidget(composite, "entries");
                for (org.eclipse.swt.widgets.TreeItem item : tree.getItems()) {
                    if (item.getText(0).equals("embedded-readme.txt")) {
                        return item.getText(0) + " " + item.getText(1);
                    }
                }
                return null;
            });
            assertEquals("embedded-readme.txt file", row);
            screenshot(workbench, "embedded-content");
            // the in-process CAL audited the reads in the local audit log
            ServiceTracker<AuditLog, AuditLog> logs = new ServiceTracker<>(context, AuditLog.class, null);
            logs.open();
            AuditLog log = logs.waitForService(DATA.toMillis());
            logs.close();
            assertTrue(log.query(new AuditQuery(null, null, "content.list", 200)).stream()
                    .anyMatch(event -> event.target().equals("share:embedded:/")), "the listing is audited");
        } finally {
            configuration.delete();
            admin.close();
        }
    }

    private static org.eclipse.swt.widgets.Control contentWidget(Composite parent, String id) {
        return org.deskplane.workbench.testing.Widgets.byId(parent, "org.deskplane.content.ui.widget", id);
    }

    private static boolean audited(List<List<String>> rows, String action, String target) {
        return rows.stream().anyMatch(row -> row.get(1).equals(ACTOR) && row.get(2).equals(action)
                && row.get(3).equals(target) && row.get(4).equals("SUCCESS"));
    }

    private static Bundle fixtureBundle() {
        BundleContext context = FrameworkUtil.getBundle(EmbeddedWorkbenchTest.class).getBundleContext();
        return Arrays.stream(context.getBundles()).filter(b -> fixture.symbolicName().equals(b.getSymbolicName()))
                .filter(b -> b.getVersion().toString().equals(fixture.version())).findFirst()
                .orElseThrow(() -> new AssertionError("fixture bundle not installed in this framework"));
    }

    private static void awaitFixtureState(String state) throws InterruptedException {
        workbench.await("fixture row in state " + state, DATA, wb -> {
            List<String> row = row(tableRows(part(wb.getApplication(), BUNDLES_PART), "bundles"),
                    fixture.symbolicName());
            return row != null && row.get(STATE).equals(state) ? row : null;
        });
    }

    /** Selects the fixture's row as a user would, then presses the part's button. */
    private static void pressOnFixture(String buttonLabel) {
        workbench.ui(wb -> {
            MPart part = part(wb.getApplication(), BUNDLES_PART);
            Table table = findTable((Composite) part.getWidget(), "bundles");
            TableItem[] items = table.getItems();
            for (int index = 0; index < items.length; index++) {
                if (items[index].getText(NAME).equals(fixture.symbolicName())) {
                    table.setSelection(index);
                    table.notifyListeners(SWT.Selection, new Event());
                    press(part, buttonLabel);
                    return null;
                }
            }
            throw new AssertionError("no fixture row to select");
        });
    }

    private static List<String> row(List<List<String>> rows, String symbolicName) {
        return rows.stream().filter(row -> row.get(NAME).equals(symbolicName)).findFirst().orElse(null);
    }

    private static String required(String key) {
        String value = System.getProperty(key);
        if (value == null || value.isBlank() || value.startsWith("${")) {
            throw new IllegalStateException("system property " + key + " is not set (this module's pom sets it)");
        }
        return value;
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
