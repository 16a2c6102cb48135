package org.deskplane.modules.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.deskplane.client.ServerConnection;
import org.deskplane.modules.testing.TestJars;
import org.deskplane.modules.ui.tests.fixture.HangingActivator;
import org.deskplane.workbench.testing.Dialogs;
import org.deskplane.workbench.testing.RemoteSignIn;
import org.deskplane.workbench.testing.RunningWorkbench;
import org.deskplane.workbench.testing.Widgets;
import org.deskplane.workbench.testing.WorkbenchModel;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The workbench logs in as admin to the real server product with the modules REST resource (and, until the product
 * has the real module host, the in-memory test host installed into it) and the four module parts show and drive it:
 * modules uploaded through REST and through the Upload… dialog (an unsigned one refused with the server's 422),
 * Load/Unload/Delete; a hung load quarantined (422 ACTIVATION_TIMEOUT), cleared, and the loaded version replaced; a registration added and removed; a guest's denied request appearing in the request history
 * with nothing pressed; a certificate trusted from a PEM file; a policy rule saved, a senseless one refused with the
 * server's 400 in a dialog, and deleted. Screenshots land in {@code target/screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ModulePartsTest {

    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final Duration DATA = ModulesServer.DATA;
    private static final String MODULES_PART = "org.deskplane.modules.ui.part.modules";
    private static final String REGISTRATIONS_PART = "org.deskplane.modules.ui.part.registrations";
    private static final String REQUESTS_PART = "org.deskplane.modules.ui.part.requests";
    private static final String TRUST_PART = "org.deskplane.modules.ui.part.trust";
    private static final String WIDGET_KEY = "org.deskplane.modules.ui.widget";
    private static final String GREETER = "org.example.greeter";

    private static RunningWorkbench workbench;
    private static ModulesServer server;
    private static Path jars;

    @BeforeAll
    static void startWorkbench() throws Exception {
        server = ModulesServer.start();
        jars = Files.createTempDirectory("module-ui-jars");
        if (server.status("GET", "/modules/trust", null) == 200
                && !server.call("GET", "/modules/trust", null).toString().contains("\"ui-test-ca\"")) {
            server.call("POST", "/modules/trust", Map.of("alias", "ui-test-ca", "pem", TestJars.testCaPem()));
        }
        if (server.call("GET", "/modules", null).toString().contains(GREETER) == false) {
            server.upload(TestJars.signedBundle(jars, GREETER, "1.0.0"), true);
            server.upload(TestJars.signedBundle(jars, GREETER, "2.0.0"), false);
        }
        String fingerprint = ServerConnection.probeCertificate(URI.create(ModulesServer.url())).sha256Fingerprint();
        workbench = RemoteSignIn.start(ModulesServer.url(), ModulesServer.user(), ModulesServer.password(),
                fingerprint, STARTUP);
    }

    @AfterAll
    static void stop() throws Exception {
        RemoteSignIn.stop(workbench);
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void theModulesPartShowsTheStoreAndUploadsLoadsUnloadsAndDeletes() throws Exception {
        activate(MODULES_PART);
        List<String> loaded = awaitRow(MODULES_PART, "modules", GREETER, r -> r.get(1).equals("1.0.0"));
        assertEquals("LOADED", loaded.get(2), loaded.toString());
        assertTrue(loaded.get(3).contains("CN="), "signer column: " + loaded);
        assertEquals("STORED", awaitRow(MODULES_PART, "modules", GREETER, r -> r.get(1).equals("2.0.0")).get(2));
        WorkbenchModel.screenshot(workbench, "modules-part");

        // upload through the dialog (the path typed, as Browse… would fill it in), loaded right away
        Path jar = TestJars.signedBundle(jars, "org.example.uploaded", "1.0.0");
        Shell upload = Dialogs.openBy(workbench, DATA, wb -> widget(wb.getApplication(), MODULES_PART, "upload"),
                "Upload module");
        workbench.ui(wb -> {
            text(upload, "jar").setText(jar.toString());
            return null;
        });
        WorkbenchModel.screenshot(workbench, "modules-upload-dialog");
        Dialogs.press(workbench, upload, "Upload");
        awaitRow(MODULES_PART, "modules", "org.example.uploaded", r -> r.get(2).equals("STORED"));

        select(MODULES_PART, "modules", 0, "org.example.uploaded");
        press(MODULES_PART, "load");
        awaitRow(MODULES_PART, "modules", "org.example.uploaded", r -> r.get(2).equals("LOADED"));
        assertTrue(server.call("GET", "/modules/org.example.uploaded/1.0.0", null).get("state").asText()
                .equals("LOADED"), "the server's state");
        WorkbenchModel.screenshot(workbench, "modules-part-loaded");
        select(MODULES_PART, "modules", 0, "org.example.uploaded");
        press(MODULES_PART, "unload");
        awaitRow(MODULES_PART, "modules", "org.example.uploaded", r -> r.get(2).equals("STORED"));
        select(MODULES_PART, "modules", 0, "org.example.uploaded");
        Shell confirm = Dialogs.openBy(workbench, DATA, wb -> widget(wb.getApplication(), MODULES_PART, "delete"),
                "Delete module");
        Dialogs.press(workbench, confirm, "OK");
        workbench.await("the deleted module gone", DATA, wb -> rows(wb.getApplication(), MODULES_PART, "modules")
                .stream().noneMatch(r -> r.get(0).equals("org.example.uploaded")) ? true : null);
        assertEquals(404, server.status("GET", "/modules/org.example.uploaded/1.0.0", null));

        // an unsigned jar: the server's 422 UNSIGNED in the error dialog, nothing stored
        Path unsigned = TestJars.bundle(jars, "org.example.unsigned", "1.0.0");
        Shell again = Dialogs.openBy(workbench, DATA, wb -> widget(wb.getApplication(), MODULES_PART, "upload"),
                "Upload module");
        workbench.ui(wb -> {
            text(again, "jar").setText(unsigned.toString());
            return null;
        });
        Dialogs.press(workbench, again, "Upload");
        String error = Dialogs.awaitText(workbench, DATA, "Upload module " + unsigned.getFileName() + " failed");
        assertTrue(error.contains("422") && error.contains("UNSIGNED"), "the server's refusal: " + error);
        WorkbenchModel.screenshot(workbench, "modules-upload-unsigned-refused");
        Dialogs.close(workbench, "Upload module " + unsigned.getFileName() + " failed");
        assertEquals(404, server.status("GET", "/modules/org.example.unsigned/1.0.0", null));
    }

    @Test
    @Order(2)
    void aHungModuleIsQuarantinedThenClearedAndTheLoadedVersionReplaced() throws Exception {
        activate(MODULES_PART);
        int failing = server.status("POST",
                "/testing/modules/fail-next-load?status=ACTIVATION_TIMEOUT&message=activator%20hung", null);
        String name = GREETER;
        String version = "2.0.0";
        if (failing != 204) {
            // the server has the real module host: a module whose activator really hangs
            Path jar = new org.deskplane.modules.testing.ModuleJar("org.example.hanging", "1.0.0")
                    .header("Bundle-Activator", HangingActivator.class.getName())
                    .header("Import-Package", "org.osgi.framework").withClass(HangingActivator.class)
                    .writeTo(jars.resolve("hanging.jar"));
            Path signed = jars.resolve("hanging.signed.jar");
            TestJars.sign(jar, signed);
            server.upload(signed, false);
            name = "org.example.hanging";
            version = "1.0.0";
        }
        String module = name;
        String at = version;
        press(MODULES_PART, "refresh"); // uploaded behind the part's back
        awaitRow(MODULES_PART, "modules", module, r -> r.get(1).equals(at));
        // greeter has two versions: pick it by version; the hanging module is the only one of its name
        boolean byVersion = module.equals(GREETER);
        select(MODULES_PART, "modules", byVersion ? 1 : 0, byVersion ? at : module);
        press(MODULES_PART, "load");
        String error = Dialogs.awaitText(workbench, DATA, "Load module " + module + "/" + at + " failed");
        assertTrue(error.contains("422") && error.contains("ACTIVATION_TIMEOUT"), error);
        Dialogs.close(workbench, "Load module " + module + "/" + at + " failed");
        List<String> quarantined = awaitRow(MODULES_PART, "modules", module,
                r -> r.get(1).equals(at) && r.get(2).equals("QUARANTINED"));
        assertTrue(!quarantined.get(5).isBlank(), "message column says why: " + quarantined);
        WorkbenchModel.screenshot(workbench, "modules-part-quarantined");

        select(MODULES_PART, "modules", byVersion ? 1 : 0, byVersion ? at : module);
        press(MODULES_PART, "clearQuarantine");
        awaitRow(MODULES_PART, "modules", module, r -> r.get(1).equals(at) && r.get(2).equals("STORED"));

        select(MODULES_PART, "modules", 1, "2.0.0");
        press(MODULES_PART, "replace");
        awaitRow(MODULES_PART, "modules", GREETER, r -> r.get(1).equals("2.0.0") && r.get(2).equals("LOADED"));
        awaitRow(MODULES_PART, "modules", GREETER, r -> r.get(1).equals("1.0.0") && r.get(2).equals("STORED"));
        assertEquals("LOADED", server.call("GET", "/modules/" + GREETER + "/2.0.0", null).get("state").asText());
        WorkbenchModel.screenshot(workbench, "modules-part-replaced");
    }

    @Test
    @Order(3)
    void aRegistrationIsAddedAndRemovedInTheRegistrationsPart() throws Exception {
        activate(REGISTRATIONS_PART);
        Shell add = Dialogs.openBy(workbench, DATA, wb -> widget(wb.getApplication(), REGISTRATIONS_PART, "add"),
                "Register module for a VM image");
        workbench.ui(wb -> {
            text(add, "image").setText("win11-gold");
            text(add, "module").setText(GREETER + "/1.0.0");
            return null;
        });
        Dialogs.press(workbench, add, "Save");
        List<String> row = awaitRow(REGISTRATIONS_PART, "registrations", "win11-gold", r -> true);
        assertEquals(List.of("win11-gold", GREETER, "1.0.0", ModulesServer.user()), row.subList(0, 4));
        assertEquals(1, server.call("GET", "/modules/registrations?image=win11-gold", null).size());
        WorkbenchModel.screenshot(workbench, "registrations-part");

        select(REGISTRATIONS_PART, "registrations", 0, "win11-gold");
        Shell confirm = Dialogs.openBy(workbench, DATA,
                wb -> widget(wb.getApplication(), REGISTRATIONS_PART, "remove"), "Remove module registration");
        Dialogs.press(workbench, confirm, "OK");
        workbench.await("registration removed", DATA, wb -> rows(wb.getApplication(), REGISTRATIONS_PART,
                "registrations").isEmpty() && label(wb.getApplication(), REGISTRATIONS_PART, "status")
                        .contains("registration(s)") ? true : null);
        assertEquals(0, server.call("GET", "/modules/registrations?image=win11-gold", null).size());
    }

    @Test
    @Order(4)
    void aDeniedGuestRequestAppearsInTheHistoryWithoutARefresh() throws Exception {
        activate(REQUESTS_PART);
        workbench.await("history read", DATA, wb -> label(wb.getApplication(), REQUESTS_PART, "status")
                .contains("request(s)") ? true : null);
        // nothing is pressed from here on: the part's polling must bring it
        assertEquals("DENIED", server.guestLoad("vm-ui-guest", "win11-gold", GREETER, "1.0.0"));
        List<String> denied = awaitRow(REQUESTS_PART, "requests", 2, "DENIED",
                r -> r.get(5).equals("vm-ui-guest"));
        assertEquals("LOAD", denied.get(3));
        assertEquals(GREETER + "/1.0.0", denied.get(4));
        assertEquals("win11-gold", denied.get(6));
        assertTrue(denied.get(8).contains("policy rule"), denied.toString());
        workbench.await("denied counted", DATA, wb -> label(wb.getApplication(), REQUESTS_PART, "status")
                .matches(".* [1-9][0-9]* denied.*") ? true : null);
        WorkbenchModel.screenshot(workbench, "requests-part-denied");
    }

    @Test
    @Order(5)
    void aCertificateIsTrustedFromAPemFileAndAPolicyRuleIsSavedRefusedAndDeleted() throws Exception {
        activate(TRUST_PART);
        awaitRow(TRUST_PART, "certificates", "ui-test-ca", r -> true);

        Shell certificate = Dialogs.openBy(workbench, DATA,
                wb -> widget(wb.getApplication(), TRUST_PART, "addCertificate"), "Trust a module signing certificate");
        Path pem = TestJars.signingDirectory().resolve("signer.pem");
        workbench.ui(wb -> {
            text(certificate, "alias").setText("ui-signer");
            text(certificate, "pem").setText(pem.toString());
            return null;
        });
        Dialogs.press(workbench, certificate, "Save");
        List<String> signer = awaitRow(TRUST_PART, "certificates", "ui-signer", r -> true);
        assertTrue(signer.get(1).contains("CN="), signer.toString());
        assertTrue(server.call("GET", "/modules/trust", null).toString().contains("\"ui-signer\""));

        // a rule saved through the editor
        Shell editor = Dialogs.openBy(workbench, DATA, wb -> widget(wb.getApplication(), TRUST_PART, "addRule"),
                "Add module policy rule");
        workbench.ui(wb -> {
            text(editor, "id").setText("ui-allow-gold");
            text(editor, "order").setText("5");
            text(editor, "images").setText("win11-*");
            text(editor, "verbs").setText("query, load");
            text(editor, "modules").setText("org.example.*");
            return null;
        });
        WorkbenchModel.screenshot(workbench, "policy-editor");
        Dialogs.press(workbench, editor, "Save");
        List<String> rule = awaitRow(TRUST_PART, "rules", 1, "ui-allow-gold", r -> true);
        assertEquals(List.of("5", "ui-allow-gold", "ALLOW", "*", "win11-*", "LOAD, QUERY", "org.example.*", "any"),
                rule);
        JsonNode policy = server.call("GET", "/modules/policy", null);
        assertEquals("ui-allow-gold", policy.get(0).get("id").asText());
        WorkbenchModel.screenshot(workbench, "trust-policy-part");
        // in force: the guest that was denied is allowed now
        assertEquals("OK", server.guestLoad("vm-ui-guest", "win11-gold", GREETER, "1.0.0"));

        // a rule that names no images is refused by the server: its 400 in a dialog, nothing stored
        Shell broken = Dialogs.openBy(workbench, DATA, wb -> widget(wb.getApplication(), TRUST_PART, "addRule"),
                "Add module policy rule");
        workbench.ui(wb -> {
            text(broken, "id").setText("ui-no-images");
            text(broken, "images").setText("");
            Combo effect = (Combo) Widgets.byId(broken, WIDGET_KEY, "effect");
            effect.select(1);
            return null;
        });
        Dialogs.press(workbench, broken, "Save");
        String error = Dialogs.awaitText(workbench, DATA, "Save module policy rule ui-no-images failed");
        assertTrue(error.contains("400") && error.contains("INVALID"), "the server's validation error: " + error);
        WorkbenchModel.screenshot(workbench, "policy-refused-400");
        Dialogs.close(workbench, "Save module policy rule ui-no-images failed");
        assertTrue(!server.call("GET", "/modules/policy", null).toString().contains("ui-no-images"));

        // Delete through the part
        select(TRUST_PART, "rules", 1, "ui-allow-gold");
        Shell confirm = Dialogs.openBy(workbench, DATA, wb -> widget(wb.getApplication(), TRUST_PART, "deleteRule"),
                "Delete module policy rule");
        Dialogs.press(workbench, confirm, "OK");
        workbench.await("rule deleted", DATA, wb -> rows(wb.getApplication(), TRUST_PART, "rules").isEmpty()
                && label(wb.getApplication(), TRUST_PART, "policyStatus").startsWith("0 rule(s)") ? true : null);
        assertEquals(0, server.call("GET", "/modules/policy", null).size());
    }

    // --- driving the parts

    private static void activate(String partId) {
        workbench.ui(wb -> {
            WorkbenchModel.window(wb.getApplication()).getContext().activate();
            return null;
        });
        WorkbenchModel.activate(workbench, partId);
    }

    private static List<String> awaitRow(String partId, String table, String key, Predicate<List<String>> ready)
            throws InterruptedException {
        return awaitRow(partId, table, 0, key, ready);
    }

    private static List<String> awaitRow(String partId, String table, int keyColumn, String key,
            Predicate<List<String>> ready) throws InterruptedException {
        return workbench.await(table + " row " + key, DATA, wb -> rows(wb.getApplication(), partId, table).stream()
                .filter(row -> row.size() > keyColumn && row.get(keyColumn).equals(key)).filter(ready).findFirst()
                .orElse(null));
    }

    private static List<List<String>> rows(MApplication application, String partId, String table) {
        return WorkbenchModel.tableRows(WorkbenchModel.part(application, partId), table);
    }

    private static void select(String partId, String tableId, int column, String key) {
        workbench.ui(wb -> {
            Table table = (Table) widget(wb.getApplication(), partId, tableId);
            for (int i = 0; i < table.getItemCount(); i++) {
                if (table.getItem(i).getText(column).equals(key)) {
                    table.setSelection(i);
                    table.notifyListeners(SWT.Selection, new Event());
                    return null;
                }
            }
            throw new AssertionError("no row " + key + " in " + tableId);
        });
    }

    private static void press(String partId, String buttonId) {
        workbench.ui(wb -> {
            Button button = (Button) widget(wb.getApplication(), partId, buttonId);
            button.notifyListeners(SWT.Selection, new Event());
            return null;
        });
    }

    private static String label(MApplication application, String partId, String id) {
        Control control = widget(application, partId, id);
        return control instanceof Label label ? label.getText() : "";
    }

    private static Control widget(MApplication application, String partId, String id) {
        Object composite = WorkbenchModel.part(application, partId).getWidget();
        return composite instanceof Composite parent ? Widgets.byId(parent, WIDGET_KEY, id) : null;
    }

    private static Text text(Composite parent, String id) {
        Text text = (Text) Widgets.byId(parent, WIDGET_KEY, id);
        if (text == null) {
            throw new AssertionError("no field " + id);
        }
        return text;
    }
}
