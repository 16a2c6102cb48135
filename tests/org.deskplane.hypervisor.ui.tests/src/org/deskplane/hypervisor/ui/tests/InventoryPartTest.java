package org.deskplane.hypervisor.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.deskplane.client.ServerConnection;
import org.deskplane.workbench.testing.Widgets;
import org.deskplane.workbench.testing.RemoteSignIn;
import org.deskplane.workbench.testing.RunningWorkbench;
import org.deskplane.workbench.testing.WorkbenchModel;
import org.deskplane.workbench.testing.ServerUnderTest;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The workbench logs in to the real server product, which runs one hypervisor connection ({@value #HOST}) to
 * libvirt's test:/// driver on this module's node XML, and the Inventory part shows and drives it: hosts →
 * VMs → devices, power off / start through the part's buttons, and a refused operation shown as an error.
 */
class InventoryPartTest {

    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final Duration DATA = Duration.ofSeconds(60);
    private static final String PART = "org.deskplane.hypervisor.ui.part.inventory";
    private static final String WIDGET_KEY = "org.deskplane.hypervisor.ui.widget";
    /** The connection id and VMs configured in server/cm/… and server/node.xml. */
    private static final String HOST = "invui-lab";
    private static final String DESK_01 = "ui-desk-01";
    private static final String DESK_02 = "ui-desk-02";
    private static final int NAME = 0;
    private static final int STATE = 1;
    private static final int VCPUS = 2;
    private static final int MEMORY = 3;
    private static final int DETAILS = 4;

    private static RunningWorkbench workbench;

    @BeforeAll
    static void startWorkbench() throws Exception {
        String serverUrl = ServerUnderTest.setting("deskplane.test.serverUrl", null);
        String password = ServerUnderTest.setting("deskplane.test.adminPassword", null);
        if (serverUrl == null || password == null) {
            throw new IllegalStateException("set deskplane.test.serverUrl and deskplane.test.adminPassword (the "
                    + "test module's pom starts the server product and sets both)");
        }
        ServerUnderTest.awaitSignIn(URI.create(serverUrl), Duration.ofSeconds(120));
        // the test is the user here: it looks at the certificate and decides to trust it
        String fingerprint = ServerConnection.probeCertificate(URI.create(serverUrl)).sha256Fingerprint();
        workbench = RemoteSignIn.start(serverUrl, ServerUnderTest.setting("deskplane.test.adminUser", "admin"), password, fingerprint, STARTUP);
        workbench.ui(wb -> {
            MPart part = part(wb.getApplication());
            wb.getApplication().getContext().get(EPartService.class).showPart(part, EPartService.PartState.ACTIVATE);
            part.getParent().setSelectedElement(part);
            return part;
        });
    }

    @AfterAll
    static void stop() throws Exception {
        RemoteSignIn.stop(workbench);
    }

    @Test
    void treeShowsTheHostItsVmsAndTheirDevices() throws Exception {
        List<String> host = awaitRow("host " + HOST + " connected", HOST,
                row -> row.get(STATE).equals("CONNECTED"));
        assertTrue(host.get(DETAILS).contains("test://"), "the host row shows the URI: " + host);
        List<String> desk01 = awaitRow(DESK_01, DESK_01, row -> true);
        assertEquals("2", desk01.get(VCPUS), "vCPUs: " + desk01);
        assertEquals("2 GiB", desk01.get(MEMORY), "memory: " + desk01);
        assertEquals("1", awaitRow(DESK_02, DESK_02, row -> true).get(VCPUS));

        List<List<String>> devices = workbench.ui(wb -> {
            TreeItem vm = find(tree(wb.getApplication()).getItems(), DESK_01);
            expand(vm);
            return rows(vm.getItems());
        });
        List<String> disk = row(devices, "vda (disk)");
        assertTrue(disk.get(DETAILS).startsWith("qcow2 ") && disk.get(DETAILS).contains("ui-desk-01.qcow2")
                && disk.get(DETAILS).contains("\u2190 qcow2 ") && disk.get(DETAILS).contains("base.qcow2"),
                "format and backing chain: " + disk);
        assertTrue(row(devices, "hdc (cdrom)").get(DETAILS).contains("media: ")
                && row(devices, "hdc (cdrom)").get(DETAILS).endsWith("tools.iso"), "CD-ROM media: " + devices);
        assertTrue(row(devices, "org.deskplane.agent.0 (channel)").get(DETAILS).startsWith("channel unix"),
                "channel: " + devices);
        WorkbenchModel.screenshot(workbench, "inventory-tree");
    }

    @Test
    void powerOffAndStartThroughThePartChangeTheStateInTheTree() throws Exception {
        awaitRow(DESK_02 + " running", DESK_02, row -> row.get(STATE).equals("RUNNING"));
        press(DESK_02, "destroy");
        awaitRow(DESK_02 + " shut off", DESK_02, row -> row.get(STATE).equals("SHUTOFF"));
        WorkbenchModel.screenshot(workbench, "inventory-powered-off");
        press(DESK_02, "start");
        awaitRow(DESK_02 + " running again", DESK_02, row -> row.get(STATE).equals("RUNNING"));
        String status = workbench.await("status after start", DATA, wb -> {
            String text = statusText(wb.getApplication());
            return text.contains("Done: Start " + DESK_02) ? text : null;
        });
        assertTrue(status.contains("host(s)"), "the status line sums up the inventory: " + status);
    }

    @Test
    void anOperationTheHypervisorRefusesEndsInAnErrorDialogWithTheServersMessage() throws Exception {
        awaitRow(DESK_01, DESK_01, row -> true);
        workbench.ui(wb -> {
            Text media = (Text) widget(partComposite(wb.getApplication()), "mediaPath");
            media.setText("/srv/iso/other.iso");
            return media;
        });
        press(DESK_01, "insertMedia");
        String message = workbench.await("error dialog", DATA, wb -> {
            for (Shell shell : shells()) {
                if (shell.getText().contains("failed")) {
                    String text = labels(shell);
                    if (text.contains("not supported")) {
                        return shell.getText() + ": " + text;
                    }
                }
            }
            return null;
        });
        assertTrue(message.contains("Insert media into " + DESK_01), message);
        assertTrue(message.contains("insertMedia is not supported by this hypervisor"), message);
        WorkbenchModel.screenshot(workbench, "inventory-refused-operation");
        workbench.ui(wb -> {
            for (Shell shell : shells()) {
                if (shell.getText().contains("failed")) {
                    shell.close();
                }
            }
            return null;
        });
        String status = workbench.await("status with the failure", DATA, wb -> {
            String text = statusText(wb.getApplication());
            return text.contains("not supported") ? text : null;
        });
        assertTrue(status.contains("failed"), status);
    }

    // --- driving the part ------------------------------------------------------------------------------

    private interface RowCondition {
        boolean test(List<String> row);
    }

    /** Waits until the tree has a row named {@code name} (hosts and VMs) that meets the condition. */
    private static List<String> awaitRow(String what, String name, RowCondition condition) throws Exception {
        return workbench.await(what, DATA, wb -> {
            Tree tree = tree(wb.getApplication());
            if (tree == null) {
                return null;
            }
            TreeItem item = find(tree.getItems(), name);
            if (item == null) {
                return null;
            }
            List<String> row = texts(item, tree.getColumnCount());
            return condition.test(row) ? row : null;
        });
    }

    /** Selects the VM's row and presses one of the part's buttons, as a user would. */
    private static void press(String vm, String button) {
        workbench.ui(wb -> {
            Tree tree = tree(wb.getApplication());
            tree.setSelection(find(tree.getItems(), vm));
            Button action = (Button) widget(partComposite(wb.getApplication()), button);
            action.notifyListeners(SWT.Selection, new Event());
            return action;
        });
    }

    private static MPart part(MApplication application) {
        return WorkbenchModel.part(application, PART);
    }

    private static Composite partComposite(MApplication application) {
        return part(application).getWidget() instanceof Composite composite ? composite : null;
    }

    private static Tree tree(MApplication application) {
        Composite composite = partComposite(application);
        return composite == null ? null : (Tree) widget(composite, "inventory");
    }

    private static String statusText(MApplication application) {
        Composite composite = partComposite(application);
        return composite == null ? "" : ((Label) widget(composite, "status")).getText();
    }

    private static Control widget(Composite parent, String id) {
        return Widgets.byId(parent, WIDGET_KEY, id);
    }

    /** Depth first through the created items (hosts and VMs are expanded by the part). */
    private static TreeItem find(TreeItem[] items, String name) {
        for (TreeItem item : items) {
            if (name.equals(item.getText(NAME))) {
                return item;
            }
            TreeItem found = find(item.getItems(), name);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** Expands as a click on the twistie does: the viewer creates the children on the Expand event. */
    private static void expand(TreeItem item) {
        Event event = new Event();
        event.item = item;
        item.getParent().notifyListeners(SWT.Expand, event);
        item.setExpanded(true);
    }

    private static List<List<String>> rows(TreeItem[] items) {
        List<List<String>> rows = new ArrayList<>();
        for (TreeItem item : items) {
            rows.add(texts(item, item.getParent().getColumnCount()));
        }
        return rows;
    }

    private static List<String> row(List<List<String>> rows, String name) {
        return rows.stream().filter(row -> row.get(NAME).equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + name + " in " + rows));
    }

    private static List<String> texts(TreeItem item, int columns) {
        List<String> row = new ArrayList<>();
        for (int column = 0; column < columns; column++) {
            row.add(item.getText(column));
        }
        return row;
    }

    private static List<Shell> shells() {
        return List.of(org.eclipse.swt.widgets.Display.getCurrent().getShells());
    }

    private static String labels(Composite parent) {
        StringBuilder text = new StringBuilder();
        for (Control child : parent.getChildren()) {
            if (child instanceof Label label) {
                text.append(label.getText()).append(' ');
            } else if (child instanceof Composite composite) {
                text.append(labels(composite));
            }
        }
        return text.toString();
    }
}
