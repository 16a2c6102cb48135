package org.deskplane.delivery.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.deskplane.client.ServerRest;
import org.deskplane.workbench.testing.Dialogs;
import org.deskplane.workbench.testing.RemoteSignIn;
import org.deskplane.workbench.testing.RunningWorkbench;
import org.deskplane.workbench.testing.Widgets;
import org.deskplane.workbench.testing.WorkbenchModel;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The workbench logs in as admin to the real server product (its delivery feature: repository, ISO builder, engine,
 * methods, REST; its demo hosts on libvirt's test driver) and the two delivery parts drive it: a payload zip built here
 * imported through the Import dialog, its ISO built with Build ISO (label and size appear), Inspect shows its files and
 * steps; a deployment created through the New deployment dialog to a shut-off demo VM whose CD-ROM the test driver
 * cannot serve ends FAILED with the engine's reason; a deployment to a running demo VM (no guest agent there) is
 * PENDING, then FAILED "agent unavailable", and Retry failed puts it back to PENDING and it fails again (the VM's log
 * shows both). An error dialog of the workbench fails the test at once. Screenshots land in {@code target/screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeliveryPartsTest {

    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final Duration DATA = DeliveryServer.DATA;
    private static final String PAYLOADS_PART = "org.deskplane.delivery.ui.part.payloads";
    private static final String DEPLOYMENTS_PART = "org.deskplane.delivery.ui.part.deployments";
    private static final String WIDGET_KEY = "org.deskplane.delivery.ui.widget";
    private static final String PAYLOAD_ID = "ui-test-payload";
    /** A fresh version each run: the server's data directory outlives a run, and a payload version is immutable. */
    private static final String VERSION = "1." + Instant.now().getEpochSecond();
    /** What the guest would wait for at most: short, so that the "no agent" failure comes quickly. */
    private static final int AGENT_TIMEOUT_SECONDS = 12;
    private static final String INSTALL_SH = "#!/bin/sh\necho installed\n";

    private static DeliveryServer server;
    private static RunningWorkbench workbench;
    private static Path zip;

    @BeforeAll
    static void start() throws Exception {
        server = DeliveryServer.start();
        zip = payloadZip(Files.createTempDirectory("delivery-ui-test"));
        workbench = RemoteSignIn.start(DeliveryServer.url(), DeliveryServer.user(), DeliveryServer.password(),
                server.fingerprint(), STARTUP);
    }

    @AfterAll
    static void stop() throws Exception {
        RemoteSignIn.stop(workbench);
        if (server != null) {
            server.close();
        }
    }

    /** The earlier version of this test passed while every call answered 500: any error dialog is a failure. */
    @AfterEach
    void noErrorDialog() {
        failOnErrorDialog();
    }

    @Test
    @Order(1)
    void aPayloadIsImportedBuiltAndInspectedThroughThePayloadsPart() throws Exception {
        activate(PAYLOADS_PART);
        // Import zip… opens a dialog whose path field Browse… fills in; the test types the path instead
        Shell importDialog = Dialogs.openBy(workbench, DATA, wb -> widget(PAYLOADS_PART, "import"), "Import payload");
        workbench.ui(wb -> {
            ((Text) Widgets.byId(importDialog, WIDGET_KEY, "zip")).setText(zip.toString());
            return null;
        });
        Dialogs.press(workbench, importDialog, "Import");
        List<String> imported = awaitRow(PAYLOADS_PART, "payloads", "the imported payload", this::isOurPayload);
        assertEquals("2", imported.get(2), "files: " + imported);
        JsonNode stored = server.rest().get(payloadPath());
        assertEquals(stored.path("label").asText(), imported.get(4), "the server's ISO label: " + imported);
        assertTrue(imported.get(4).startsWith("DP_"), imported.toString());
        assertEquals("not built", imported.get(5), imported.toString());

        select(PAYLOADS_PART, "payloads", VERSION);
        press(PAYLOADS_PART, "Build ISO");
        List<String> built = awaitRow(PAYLOADS_PART, "payloads", "the ISO image built",
                r -> isOurPayload(r) && !r.get(5).equals("not built"));
        assertTrue(built.get(5).endsWith("B"), "image size: " + built);
        JsonNode image = server.rest().get(payloadPath()).path("image");
        assertTrue(image.path("built").asBoolean(), "the server built it: " + image);
        assertEquals(stored.path("label").asText(), image.path("label").asText());
        WorkbenchModel.screenshot(workbench, "delivery-payloads");

        select(PAYLOADS_PART, "payloads", VERSION);
        Shell inspect = Dialogs.openBy(workbench, DATA, wb -> widget(PAYLOADS_PART, "inspect"),
                "Payload " + PAYLOAD_ID + "/" + VERSION);
        String shown = workbench.ui(wb -> ((Text) Widgets.byId(inspect, WIDGET_KEY, "text")).getText());
        WorkbenchModel.screenshot(workbench, "delivery-inspect");
        Dialogs.press(workbench, inspect, "Close");
        assertTrue(shown.contains("install.sh") && shown.contains("conf/app.conf"), shown);
        assertTrue(shown.contains("copy conf/app.conf => /etc/app/app.conf"), shown);
        assertTrue(shown.contains(sha256(INSTALL_SH)), "the file's SHA-256: " + shown);
        assertTrue(shown.contains(image.path("sha256").asText()), "the image's SHA-256: " + shown);
    }

    @Test
    @Order(2)
    void aDeploymentToAVmTheServerCannotServeFailsAndRetryRunsItAgain() throws Exception {
        String shutOff = server.demoVm("SHUTOFF");
        String running = server.demoVm("RUNNING");
        String dialogName = "ui cdrom " + VERSION;
        String restName = "ui no agent " + VERSION;

        // through the dialog: a shut-off VM, the CD-ROM for its next start: the test driver's drive cannot take it
        activate(DEPLOYMENTS_PART);
        Shell dialog = Dialogs.openBy(workbench, DATA, wb -> widget(DEPLOYMENTS_PART, "new"), "New deployment");
        workbench.ui(wb -> {
            text(dialog, "name").setText(dialogName);
            choose((Combo) Widgets.byId(dialog, WIDGET_KEY, "payload"), PAYLOAD_ID + "/" + VERSION);
            text(dialog, "vmIds").setText(shutOff);
            text(dialog, "methods").setText("cdrom");
            choose((Combo) Widgets.byId(dialog, WIDGET_KEY, "poweredOff"), "ATTACH_FOR_NEXT_START");
            text(dialog, "maxRetries").setText("0");
            return null;
        });
        WorkbenchModel.screenshot(workbench, "delivery-new-deployment");
        Dialogs.press(workbench, dialog, "Deploy");
        awaitRow(DEPLOYMENTS_PART, "deployments", "the dialog's deployment", r -> r.get(0).equals(dialogName));
        select(DEPLOYMENTS_PART, "deployments", dialogName);
        List<String> cdrom = awaitRow(DEPLOYMENTS_PART, "items", "the shut-off VM failed",
                r -> r.get(8).equals(shutOff) && r.get(2).equals("FAILED"));
        assertTrue(cdrom.get(3).contains("no delivery method can serve this VM") && cdrom.get(3).contains("cdrom"),
                "the engine's reason: " + cdrom);
        assertEquals("0%", cdrom.get(1), "progress column: " + cdrom);
        assertEquals(PAYLOAD_ID + "/" + VERSION, cdrom.get(6));
        awaitRow(DEPLOYMENTS_PART, "deployments", "the summary counts the failure",
                r -> r.get(0).equals(dialogName) && r.get(2).contains("1 failed"));
        assertEquals("FAILED", item(deploymentId(dialogName), shutOff).path("outcome").asText(), "the server's outcome");
        WorkbenchModel.screenshot(workbench, "delivery-deployment-failed");

        // through REST: a running VM without a guest agent waits for one (PENDING), then fails "agent unavailable"
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("agentTimeoutSeconds", AGENT_TIMEOUT_SECONDS);
        options.put("maxRetries", 0);
        String id = server.rest().send("POST", "/delivery/deployments", Map.of("name", restName,
                "payloads", List.of(Map.of("id", PAYLOAD_ID, "version", VERSION)),
                "targets", Map.of("vmIds", List.of(running)), "options", options)).path("id").asText();
        awaitRow(DEPLOYMENTS_PART, "deployments", "the REST deployment", r -> r.get(0).equals(restName));
        select(DEPLOYMENTS_PART, "deployments", restName);
        awaitRow(DEPLOYMENTS_PART, "items", "the running VM pending", r -> r.get(8).equals(running)
                && r.get(2).equals("PENDING") && r.get(1).equals("0%"));
        List<String> noAgent = awaitRow(DEPLOYMENTS_PART, "items", "the running VM failed", r -> r.get(8).equals(running)
                && r.get(2).equals("FAILED"));
        assertTrue(noAgent.get(3).startsWith("agent unavailable"), "the engine's reason: " + noAgent);

        press(DEPLOYMENTS_PART, "Retry failed");
        awaitRow(DEPLOYMENTS_PART, "items", "the running VM pending again", r -> r.get(8).equals(running)
                && r.get(2).equals("PENDING"));
        WorkbenchModel.screenshot(workbench, "delivery-retried");
        awaitRow(DEPLOYMENTS_PART, "items", "the running VM failed again", r -> r.get(8).equals(running)
                && r.get(2).equals("FAILED") && r.get(3).startsWith("agent unavailable"));
        assertEquals("FAILED", item(id, running).path("outcome").asText(), "the server's outcome");

        select(DEPLOYMENTS_PART, "items", running);
        Shell log = Dialogs.openBy(workbench, DATA, wb -> widget(DEPLOYMENTS_PART, "log"),
                "Log of " + running + " in " + restName);
        String lines = workbench.ui(wb -> ((Text) Widgets.byId(log, WIDGET_KEY, "text")).getText());
        Dialogs.press(workbench, log, "Close");
        assertEquals(2, lines.lines().filter(l -> l.contains("outcome FAILED: agent unavailable")).count(),
                "two attempts in the VM's log:\n" + lines);
    }

    private boolean isOurPayload(List<String> row) {
        return row.get(0).equals(PAYLOAD_ID) && row.get(1).equals(VERSION);
    }

    private static String payloadPath() {
        return "/delivery/payloads/" + PAYLOAD_ID + "/" + ServerRest.segment(VERSION);
    }

    private static String deploymentId(String name) {
        for (JsonNode d : server.rest().get("/delivery/deployments")) {
            if (d.path("name").asText().equals(name)) {
                return d.path("id").asText();
            }
        }
        throw new AssertionError("the server has no deployment " + name);
    }

    private static JsonNode item(String deployment, String vmId) {
        for (JsonNode i : server.rest().get("/delivery/deployments/" + deployment).path("items")) {
            if (i.path("vmId").asText().equals(vmId)) {
                return i;
            }
        }
        throw new AssertionError("deployment " + deployment + " has no item for " + vmId);
    }

    /** A payload with a copy step and a run step, as an author would zip it. */
    private static Path payloadZip(Path dir) throws IOException {
        Path file = dir.resolve("payload.zip");
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            entry(zip, "deskplane-payload.conf", "id = " + PAYLOAD_ID + "\nversion = " + VERSION
                    + "\ndescription = delivered by the UI test\ntimeout = 60\n"
                    + "copy = conf/app.conf => /etc/app/app.conf\nrun = install.sh\n");
            entry(zip, "install.sh", INSTALL_SH);
            entry(zip, "conf/app.conf", "colour = blue\n");
        }
        return file;
    }

    private static void entry(ZipOutputStream zip, String name, String text) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    private static String sha256(String text) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Fails with the dialog's words when the workbench shows an error dialog (titled "… failed"). */
    private static void failOnErrorDialog() {
        String error = workbench.ui(wb -> {
            for (Shell shell : Display.getCurrent().getShells()) {
                if (shell.isVisible() && shell.getText().endsWith(" failed")) {
                    return shell.getText() + ": " + Dialogs.labels(shell);
                }
            }
            return null;
        });
        if (error != null) {
            Dialogs.close(workbench, error.substring(0, error.indexOf(": ")));
            throw new AssertionError("the workbench showed an error dialog: " + error);
        }
    }

    /** Shows the part; the window's context first, since a closed dialog leaves no active part service behind. */
    private static void activate(String partId) {
        workbench.ui(wb -> {
            WorkbenchModel.window(wb.getApplication()).getContext().activate();
            return null;
        });
        WorkbenchModel.activate(workbench, partId);
    }

    private static Control widget(String partId, String id) {
        MPart part = WorkbenchModel.part(workbench.ui(wb -> wb.getApplication()), partId);
        return Widgets.byId((Composite) part.getWidget(), WIDGET_KEY, id);
    }

    private static Text text(Shell dialog, String id) {
        return (Text) Widgets.byId(dialog, WIDGET_KEY, id);
    }

    private static void choose(Combo combo, String item) {
        int index = combo.indexOf(item);
        if (index < 0) {
            throw new AssertionError("no " + item + " in " + List.of(combo.getItems()));
        }
        combo.select(index);
    }

    /** Waits until a row of the table satisfies the check, failing at once on an error dialog; returns the row. */
    private static List<String> awaitRow(String partId, String table, String what, Predicate<List<String>> check)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(DATA);
        while (Instant.now().isBefore(deadline)) {
            failOnErrorDialog();
            List<String> row = workbench.ui(wb -> WorkbenchModel.tableRows(WorkbenchModel.part(wb.getApplication(),
                    partId), table).stream().filter(check).findFirst().orElse(null));
            if (row != null) {
                return row;
            }
            Thread.sleep(100); // polling with a deadline: the parts read the server off the UI thread
        }
        throw new AssertionError("timed out after " + DATA + " waiting for " + what + " in " + table + ": "
                + workbench.ui(wb -> WorkbenchModel.tableRows(WorkbenchModel.part(wb.getApplication(), partId), table)));
    }

    /** Selects the row whose cells contain {@code text}, as a click would. */
    private static void select(String partId, String table, String text) {
        workbench.ui(wb -> {
            Table t = WorkbenchModel.findTable((Composite) WorkbenchModel.part(wb.getApplication(), partId).getWidget(),
                    table);
            for (int i = 0; i < t.getItemCount(); i++) {
                for (int c = 0; c < t.getColumnCount(); c++) {
                    if (t.getItem(i).getText(c).contains(text)) {
                        t.setSelection(i);
                        Event event = new Event();
                        event.item = t.getItem(i);
                        t.notifyListeners(SWT.Selection, event);
                        return null;
                    }
                }
            }
            throw new AssertionError("no row with " + text + " in " + table);
        });
    }

    private static void press(String partId, String label) {
        workbench.ui(wb -> {
            WorkbenchModel.press(WorkbenchModel.part(wb.getApplication(), partId), label);
            return null;
        });
    }
}
