package org.deskplane.modules.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.deskplane.modules.api.ModuleHost;
import org.deskplane.modules.api.ModuleInfo;
import org.deskplane.modules.api.ModuleState;
import org.deskplane.modules.api.Requester;
import org.deskplane.modules.testing.Signing;
import org.deskplane.print.testing.TestPdf;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The printing capability itself, loaded as modules on a host that lacks it: the printing API, the PDF printer driver
 * and the print router, signed with the test key and loaded into the isolated region, print a document. The test
 * framework has no printing bundle of its own, so the test reaches the router by reflection, as any code would that
 * was not built against printing.
 */
class PrintingAsModuleTest {

    private static final List<String> PRINTING = List.of("org.deskplane.print.api", "org.deskplane.print.pdf",
            "org.deskplane.print");

    @BeforeAll
    static void setUp() throws Exception {
        Modules.prepare();
    }

    @Test
    void printingIsLoadedAsModulesAndPrints() throws Exception {
        assertNull(Modules.context().getServiceReference("org.deskplane.print.routing.PrintRouter"),
                "this host has no printing of its own");
        Path dir = Modules.dir("printing");
        Path data = Path.of(System.getProperty("deskplane.data"), "modules", "data");
        // the administrator points printing's files into the modules' own data areas (the only places they may write)
        ConfigurationAdmin cm = Modules.service(ConfigurationAdmin.class);
        Path printed = data.resolve("org.deskplane.print.pdf").resolve("out");
        cm.getConfiguration("org.deskplane.print.pdf", "?").update(new Hashtable<>(Map.of("directory", printed.toString())));
        cm.getConfiguration("org.deskplane.print.router", "?").update(new Hashtable<>(Map.of("spoolDirectory",
                data.resolve("org.deskplane.print").resolve("spool").toString())));

        // printing is configured through ConfigurationAdmin, which Declarative Services reads with the module's own
        // context: the administrator grants it to the module region (by default modules do not see it)
        org.osgi.service.cm.Configuration runtimeConfig = cm.getConfiguration("org.deskplane.modules.runtime", "?");
        List<String> services = new java.util.ArrayList<>(Modules.runtime().grantedServices());
        services.add(ConfigurationAdmin.class.getName());
        Hashtable<String, Object> grants = new Hashtable<>();
        grants.put("grantedServices", services.toArray(String[]::new));
        runtimeConfig.update(grants);
        Modules.waitFor("the grant", () -> Modules.runtime().grantedServices().contains(ConfigurationAdmin.class.getName()));

        ModuleHost host = Modules.host();
        Requester admin = Modules.admin();
        for (String bundle : PRINTING) {
            Path built = Path.of(System.getProperty("deskplane.test.bundlesDir"), bundle, "target",
                    bundle + "-0.1.0-SNAPSHOT.jar");
            Path copy = Files.copy(built, dir.resolve(bundle + ".jar"));
            ModuleInfo stored = Modules.upload(admin, Signing.sign(copy, Signing.trustedSigner()));
            host.load(admin, stored.symbolicName(), stored.version());
            assertEquals(ModuleState.LOADED, state(stored.symbolicName()));
        }
        Modules.waitFor("the print router from the module region",
                () -> Modules.context().getServiceReference("org.deskplane.print.routing.PrintRouter") != null);

        ServiceReference<?> reference = Modules.context().getServiceReference("org.deskplane.print.routing.PrintRouter");
        Object router = Modules.context().getService(reference);
        try {
            org.junit.jupiter.api.Assertions.assertNotNull(router, () -> "the router did not activate: "
                    + Modules.runtime().modules().stream().filter(m -> m.symbolicName().startsWith("org.deskplane.print"))
                            .map(m -> m.symbolicName() + " " + m.state() + " " + m.problems()).toList());
            ClassLoader printing = router.getClass().getClassLoader();
            Class<?> routerType = printing.loadClass("org.deskplane.print.routing.PrintRouter");
            Class<?> contextType = printing.loadClass("org.deskplane.print.routing.PrintingContext");
            Class<?> requestType = printing.loadClass("org.deskplane.print.api.PrintJobRequest");
            Object context = contextType.getConstructors()[0].newInstance("lab", "55555555-0000-4000-8000-000000000001",
                    "desk", "", "alice");
            List<?> printers = (List<?>) routerType.getMethod("printersFor", contextType).invoke(router, context);
            assertEquals(1, printers.size(), "the PDF printer, offered by the router: " + printers);
            String printerId = (String) printers.get(0).getClass().getMethod("id").invoke(printers.get(0));
            byte[] document = TestPdf.withPages(List.of("printed by a module"));
            Object request = requestType.getMethod("of", String.class, String.class).invoke(null, "application/pdf",
                    "module-print");
            Method submit = routerType.getMethod("submit", contextType, String.class, requestType, InputStream.class,
                    long.class);
            submit.invoke(router, context, printerId, request, new ByteArrayInputStream(document), (long) document.length);

            Modules.waitFor("the PDF printer module's output", () -> !pdfs(printed).isEmpty());
            assertArrayEquals(document, Files.readAllBytes(pdfs(printed).get(0)), "printed byte for byte");
        } finally {
            Modules.context().ungetService(reference);
            for (String bundle : PRINTING.reversed()) {
                ModuleInfo module = Modules.host().modules().stream().filter(m -> m.symbolicName().equals(bundle))
                        .findFirst().orElseThrow();
                host.unload(admin, module.symbolicName(), module.version());
            }
        }
        assertNull(Modules.context().getServiceReference("org.deskplane.print.routing.PrintRouter"),
                "unloaded, printing is gone again");
        runtimeConfig.delete();
    }

    private static ModuleState state(String name) {
        return Modules.host().modules().stream().filter(m -> m.symbolicName().equals(name)).findFirst().orElseThrow()
                .state();
    }

    private static List<Path> pdfs(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".pdf")
                    && !f.getFileName().toString().startsWith(".")).toList();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }
}
