package org.deskplane.workbench.contrib.tests;

import static org.deskplane.workbench.testing.WorkbenchModel.screenshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.deskplane.workbench.WorkbenchIds;
import org.deskplane.workbench.testing.ProductApplicationContext;
import org.deskplane.workbench.testing.RunningWorkbench;
import org.deskplane.workbench.testing.Widgets;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.MUIElement;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

/**
 * A UI module loaded into the running workbench's framework adds its part and a "Modules" menu item; unloading it
 * takes both away. The module is the built, signed greeting module jar.
 */
class GreetingModuleTest {

    private static final Duration STARTUP = Duration.ofSeconds(120);
    private static final Duration UI = Duration.ofSeconds(30);
    private static final String WIDGET_KEY = "org.deskplane.module.greeting.widget";
    private static final String MENU = "Modules";
    private static final String MENU_LABEL = "Show greeting";
    private static final String TAB_LABEL = "Greeting";

    private static RunningWorkbench workbench;
    private static BundleContext context;
    private static Path jar;

    @BeforeAll
    static void startWorkbench() throws Exception {
        if (!WorkbenchIds.MODE_EMBEDDED.equals(System.getProperty(WorkbenchIds.MODE_PROPERTY))) {
            throw new IllegalStateException("run with -Ddeskplane.mode=embedded (this module's pom sets it)");
        }
        jar = Path.of(System.getProperty("deskplane.test.moduleJar", ""));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist: build modules/org.deskplane.module.greeting first");
        }
        context = FrameworkUtil.getBundle(GreetingModuleTest.class).getBundleContext();
        workbench = new RunningWorkbench(new ProductApplicationContext());
        workbench.awaitStarted(STARTUP);
        workbench.await("the workbench window", STARTUP,
                wb -> wb.getApplication().getChildren().get(0).getWidget() instanceof Shell shell && shell.isVisible()
                        ? shell : null);
    }

    @AfterAll
    static void stop() throws Exception {
        if (workbench != null) {
            workbench.close();
        }
    }

    @Test
    void loadingTheModuleAddsItsPartAndMenuItemAndUnloadingRemovesThem() throws Exception {
        assertTrue(workbench.ui(wb -> ModuleUi.parts(wb.getApplication()).isEmpty()), "no greeting part yet");

        org.deskplane.modules.api.ModuleInfo module = loadThroughTheModuleHost();

        // the model: a part in the main part stack, its descriptor, a handled item in the Modules menu
        MPart part = workbench.await("the greeting part in the model", UI,
                wb -> ModuleUi.parts(wb.getApplication()).stream().findFirst().orElse(null));
        assertEquals(WorkbenchIds.MAIN_PART_STACK, workbench.ui(wb -> part.getParent().getElementId()));
        assertTrue(workbench.ui(wb -> ModuleUi.hasDescriptor(wb.getApplication())), "a part descriptor");
        assertEquals(MENU_LABEL, workbench.ui(wb -> {
            var item = ModuleUi.menuItem(wb.getApplication());
            return item == null ? null : item.getLabel();
        }));
        // the widgets: a tab in the main stack and "Modules > Show greeting" in the shell's menu bar
        workbench.await("the Greeting tab", UI, wb -> ModuleUi.tabLabels(part.getParent()).contains(TAB_LABEL) ? true
                : null);
        MenuItem item = awaitMenuItem("Modules > Show greeting in the menu bar");

        // choosing the menu item shows the part with the module's content
        workbench.ui(wb -> {
            item.notifyListeners(SWT.Selection, new Event());
            return null;
        });
        Label greeting = workbench.await("the module's greeting in the shown part", UI,
                wb -> part.getWidget() instanceof Composite composite
                        && Widgets.byId(composite, WIDGET_KEY, "greeting") instanceof Label label && label.isVisible()
                                ? label : null);
        assertEquals("Hello from a module", workbench.ui(wb -> greeting.getText()));
        assertTrue(workbench.ui(wb -> {
            EPartService parts = wb.getApplication().getChildren().get(0).getContext().get(EPartService.class);
            return parts.getActivePart() == part;
        }), "the menu item activated the part");
        String loadedAt = workbench.ui(wb -> ((Table) Widgets.byId((Composite) part.getWidget(), WIDGET_KEY, "facts"))
                .getItem(1).getText(1));
        assertTrue(Instant.parse(loadedAt).isBefore(Instant.now().plusSeconds(1)), "the load time: " + loadedAt);
        screenshot(workbench, "module-greeting-loaded");

        // closed by the user, the part comes back through the menu item (a new part object, the same module)
        workbench.ui(wb -> {
            wb.getApplication().getChildren().get(0).getContext().get(EPartService.class).hidePart(part);
            return null;
        });
        workbench.await("the closed part's widgets disposed", UI, wb -> greeting.isDisposed() ? true : null);
        workbench.ui(wb -> {
            menuItemNow(wb).notifyListeners(SWT.Selection, new Event());
            return null;
        });
        Label shownAgain = workbench.await("the greeting shown again", UI, wb -> part.getWidget() instanceof Composite c
                && Widgets.byId(c, WIDGET_KEY, "greeting") instanceof Label label && !label.isDisposed() ? label : null);
        assertEquals("Hello from a module", workbench.ui(wb -> shownAgain.getText()));

        // unloading the module takes part, tab, descriptor and menu item away and disposes the part's widgets
        unloadThroughTheModuleHost(module);
        workbench.await("the greeting part gone from the model", UI,
                wb -> ModuleUi.parts(wb.getApplication()).isEmpty() ? true : null);
        assertFalse(workbench.ui(wb -> ModuleUi.hasDescriptor(wb.getApplication())), "descriptor removed");
        assertNull(workbench.ui(wb -> ModuleUi.menuItem(wb.getApplication())), "menu item removed from the model");
        assertTrue(workbench.ui(wb -> shownAgain.isDisposed()), "the module's widgets are disposed");
        workbench.await("no Greeting tab", UI, wb -> ModuleUi.tabLabels(mainStack(wb.getApplication()))
                .contains(TAB_LABEL) ? null : true);
        assertNull(workbench.ui(wb -> ModuleUi.swtMenuItem(wb.getApplication(), MENU, MENU_LABEL)),
                "no Show greeting item in the menu bar");
        screenshot(workbench, "module-greeting-unloaded");

        // loaded again (as a module replace does), everything comes back
        org.deskplane.modules.api.ModuleInfo again = loadThroughTheModuleHost();
        try {
            workbench.await("the greeting part back in the model", UI,
                    wb -> ModuleUi.parts(wb.getApplication()).isEmpty() ? null : true);
            awaitMenuItem("Modules > Show greeting back in the menu bar");
            List<String> labels = workbench.ui(wb -> ModuleUi.menuBarLabels(wb.getApplication()));
            assertEquals(1, labels.stream().filter(MENU::equals).count(), "one Modules menu: " + labels);
        } finally {
            unloadThroughTheModuleHost(again);
        }
        workbench.await("the greeting part gone again", UI,
                wb -> ModuleUi.parts(wb.getApplication()).isEmpty() ? true : null);
    }

    @Test
    void theModuleJarIsSignedAndImportsOnlyTheContributionApiSwtAndOsgi() throws Exception {
        try (java.util.jar.JarFile signed = new java.util.jar.JarFile(jar.toFile(), true)) {
            java.util.jar.JarEntry part = signed.getJarEntry(
                    "org/deskplane/module/greeting/internal/GreetingPart.class");
            try (InputStream in = signed.getInputStream(part)) {
                in.transferTo(java.io.OutputStream.nullOutputStream()); // code signers are known once read
            }
            java.security.CodeSigner[] signers = part.getCodeSigners();
            assertTrue(signers != null && signers.length == 1, "the class is signed");
            String subject = ((java.security.cert.X509Certificate) signers[0].getSignerCertPath().getCertificates()
                    .get(0)).getSubjectX500Principal().getName();
            assertTrue(subject.contains("CN=Deskplane Test Module Signer"), subject);

            String imports = signed.getManifest().getMainAttributes().getValue("Import-Package");
            for (String clause : imports.split(",(?=[a-z])")) {
                String name = clause.split(";")[0].trim();
                assertTrue(name.equals("org.deskplane.workbench.contrib.api") || name.startsWith("org.eclipse.swt")
                        || name.startsWith("org.osgi."), "a UI module imports only API and SWT packages: " + name);
            }
        }
    }

    private static MenuItem menuItemNow(org.eclipse.e4.ui.workbench.IWorkbench wb) {
        MenuItem item = ModuleUi.swtMenuItem(wb.getApplication(), MENU, MENU_LABEL);
        if (item == null) {
            throw new AssertionError("no " + MENU_LABEL + " item: " + ModuleUi.describeMenus(wb.getApplication()));
        }
        return item;
    }

    private static MenuItem awaitMenuItem(String what) throws InterruptedException {
        try {
            return workbench.await(what, UI, wb -> ModuleUi.swtMenuItem(wb.getApplication(), MENU, MENU_LABEL));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + ": " + workbench.ui(wb -> ModuleUi.describeMenus(wb.getApplication())),
                    e);
        }
    }

    /**
     * The way a module is loaded: the embedded server's module host verifies the signed jar against its trust store
     * (which trusts the test CA) and starts it in the isolated module region.
     */
    private static org.deskplane.modules.api.ModuleInfo loadThroughTheModuleHost() throws Exception {
        org.deskplane.modules.api.ModuleTrust trust = service(org.deskplane.modules.api.ModuleTrust.class);
        if (trust.trusted().stream().noneMatch(c -> c.alias().equals("deskplane-test-ca"))) {
            trust.add("deskplane-test-ca", Files.readAllBytes(Path.of(System.getProperty("deskplane.test.signingDir"),
                    "deskplane-test-ca.pem")));
        }
        org.deskplane.modules.api.ModuleHost host = service(org.deskplane.modules.api.ModuleHost.class);
        org.deskplane.modules.api.Requester admin = org.deskplane.modules.api.Requester.administrator("admin", "test");
        byte[] bytes = Files.readAllBytes(jar);
        org.deskplane.modules.api.ModuleInfo stored;
        try (org.deskplane.modules.api.UploadSession upload = host.beginUpload(admin, bytes.length,
                java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes)))) {
            upload.write(bytes, 0, bytes.length);
            stored = upload.commit();
        }
        host.load(admin, stored.symbolicName(), stored.version());
        return stored;
    }

    private static void unloadThroughTheModuleHost(org.deskplane.modules.api.ModuleInfo module) throws Exception {
        service(org.deskplane.modules.api.ModuleHost.class).unload(
                org.deskplane.modules.api.Requester.administrator("admin", "test"), module.symbolicName(),
                module.version());
    }

    private static <T> T service(Class<T> type) throws Exception {
        org.osgi.util.tracker.ServiceTracker<T, T> tracker = new org.osgi.util.tracker.ServiceTracker<>(context, type, null);
        tracker.open(); // kept open: closing it would release the service
        T found = tracker.waitForService(30_000);
        if (found == null) {
            throw new AssertionError(type.getSimpleName() + " did not appear in the embedded server");
        }
        return found;
    }

    private static MUIElement mainStack(MApplication application) {
        return application.getContext().get(EModelService.class).find(WorkbenchIds.MAIN_PART_STACK, application);
    }

}
