package org.deskplane.delivery.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.deskplane.delivery.api.DeliveryOptions;
import org.deskplane.delivery.api.DeploymentRequest;
import org.deskplane.delivery.api.DeploymentService;
import org.deskplane.delivery.api.PayloadRef;
import org.deskplane.delivery.api.PayloadRepository;
import org.deskplane.delivery.api.TargetSelector;
import org.deskplane.delivery.api.VmDeliveryState;
import org.deskplane.delivery.testing.InMemoryDeploymentService;
import org.deskplane.delivery.testing.InMemoryPayloadRepository;
import org.deskplane.rest.api.ApiResource;
import org.deskplane.workbench.testing.RemoteSignIn;
import org.deskplane.workbench.testing.RunningWorkbench;
import org.deskplane.workbench.testing.WorkbenchModel;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Table;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The workbench logs in to a loopback front of the real {@code delivery} REST resource, whose repository and engine
 * are the in-memory ones of {@code org.deskplane.delivery.testing} registered in this framework: the Payloads part
 * lists the payloads; the Deployments part shows a deployment's VMs with their progress (updated with nothing
 * pressed: the part polls), and Cancel VM / Cancel reach the engine.
 */
class DeliveryPartsTest {

    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final Duration DATA = Duration.ofSeconds(30);
    private static final String PAYLOADS_PART = "org.deskplane.delivery.ui.part.payloads";
    private static final String DEPLOYMENTS_PART = "org.deskplane.delivery.ui.part.deployments";
    private static final String VM_A = "demo-1/11111111-1111-1111-1111-111111111111";
    private static final String VM_B = "demo-2/22222222-2222-2222-2222-222222222222";

    private static InMemoryPayloadRepository repository;
    private static InMemoryDeploymentService engine;
    private static ServiceRegistration<?> repositoryRegistration;
    private static ServiceRegistration<?> engineRegistration;
    private static ApiFront front;
    private static RunningWorkbench workbench;

    @BeforeAll
    static void start() throws Exception {
        BundleContext context = FrameworkUtil.getBundle(DeliveryPartsTest.class).getBundleContext();
        Path work = Files.createTempDirectory("delivery-ui-test");
        repository = new InMemoryPayloadRepository(work);
        engine = new InMemoryDeploymentService(repository);
        repositoryRegistration = context.registerService(PayloadRepository.class, repository, null);
        engineRegistration = context.registerService(DeploymentService.class, engine, null);
        ServiceTracker<ApiResource, ApiResource> tracker = new ServiceTracker<>(context,
                context.createFilter("(&(objectClass=" + ApiResource.class.getName() + ")("
                        + ApiResource.NAME_PROPERTY + "=delivery))"), null);
        tracker.open();
        ApiResource resource = tracker.waitForService(DATA.toMillis());
        if (resource == null) {
            throw new AssertionError("the delivery ApiResource (bundle org.deskplane.delivery.rest) did not start");
        }
        front = new ApiFront(resource);
        workbench = RemoteSignIn.start(front.url(), "admin", "not-checked-by-the-front",
                String.join(":", java.util.Collections.nCopies(32, "00")), STARTUP) /* plain http: no certificate to pin */;
    }

    @AfterAll
    static void stop() throws Exception {
        RemoteSignIn.stop(workbench);
        if (front != null) {
            front.close();
        }
        if (engineRegistration != null) {
            engineRegistration.unregister();
        }
        if (repositoryRegistration != null) {
            repositoryRegistration.unregister();
        }
    }

    private static List<List<String>> rows(String partId, String table) {
        return workbench.ui(wb -> WorkbenchModel.tableRows(WorkbenchModel.part(wb.getApplication(), partId), table));
    }

    /** Waits until some row of the table satisfies the check; returns that row. */
    private static List<String> awaitRow(String partId, String table, String what,
            java.util.function.Predicate<List<String>> check) throws InterruptedException {
        return workbench.await(what, DATA, wb -> WorkbenchModel.tableRows(WorkbenchModel.part(wb.getApplication(),
                partId), table).stream().filter(check).findFirst().orElse(null));
    }

    /** Selects the row whose cells contain {@code text}, as a click would. */
    private static void select(String partId, String table, String text) {
        workbench.ui(wb -> {
            MPart part = WorkbenchModel.part(wb.getApplication(), partId);
            Table t = WorkbenchModel.findTable((Composite) part.getWidget(), table);
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

    @Test
    void payloadsPartListsThePayloads() throws Exception {
        repository.add("office-patch", "2026.11.1", "office fixes", Map.of("install.sh",
                "echo ok\n".getBytes(StandardCharsets.UTF_8)), "run = install.sh");
        repository.image(new PayloadRef("office-patch", "2026.11.1"), b -> {
        });
        WorkbenchModel.activate(workbench, PAYLOADS_PART);
        press(PAYLOADS_PART, "Refresh");
        List<String> row = awaitRow(PAYLOADS_PART, "payloads", "office-patch in the Payloads part",
                r -> r.get(0).equals("office-patch"));
        assertEquals("2026.11.1", row.get(1));
        assertEquals("1", row.get(2), "files");
        assertTrue(row.get(4).startsWith("DP_OFFICE"), "ISO label: " + row);
        assertTrue(row.get(5).endsWith("B"), "image built, with its size: " + row);
        WorkbenchModel.screenshot(workbench, "delivery-payloads");
    }

    @Test
    void deploymentsPartShowsProgressAndCancelReachesTheEngine() throws Exception {
        repository.add("agent-update", "7", "agent", Map.of("setup.sh", "exit 0\n".getBytes(StandardCharsets.UTF_8)),
                "run = setup.sh");
        String id = engine.create(new DeploymentRequest("agent rollout", List.of(new PayloadRef("agent-update", "7")),
                TargetSelector.ofIds(List.of(VM_A, VM_B)), DeliveryOptions.DEFAULTS), "admin").id();
        engine.progress(id, VM_A, VmDeliveryState.PROCESSING, 40, "installing", null);

        WorkbenchModel.activate(workbench, DEPLOYMENTS_PART);
        awaitRow(DEPLOYMENTS_PART, "deployments", "the deployment listed", r -> r.get(0).equals("agent rollout"));
        select(DEPLOYMENTS_PART, "deployments", "agent rollout");
        List<String> a = awaitRow(DEPLOYMENTS_PART, "items", "VM A at 40%", r -> r.get(8).equals(VM_A)
                && r.get(1).equals("40%"));
        assertEquals("PROCESSING", a.get(2));
        assertEquals("installing", a.get(3));

        // live: the engine moves on, the part follows with nothing pressed
        engine.progress(id, VM_A, VmDeliveryState.FAILED, 100, "setup.sh exited 3", 3);
        List<String> failed = awaitRow(DEPLOYMENTS_PART, "items", "VM A failed with exit code 3",
                r -> r.get(8).equals(VM_A) && r.get(2).equals("FAILED"));
        assertEquals("3", failed.get(4));
        assertEquals("100%", failed.get(1));
        awaitRow(DEPLOYMENTS_PART, "deployments", "the summary counts the failure",
                r -> r.get(0).equals("agent rollout") && r.get(2).contains("1 failed"));
        WorkbenchModel.screenshot(workbench, "delivery-deployments");

        // Cancel VM on the pending VM B
        select(DEPLOYMENTS_PART, "items", VM_B);
        press(DEPLOYMENTS_PART, "Cancel VM");
        awaitRow(DEPLOYMENTS_PART, "items", "VM B cancelled", r -> r.get(8).equals(VM_B) && r.get(2).equals("CANCELLED"));
        assertTrue(engine.calls().contains("cancel " + id + " " + VM_B), engine.calls().toString());

        // Retry failed puts VM A back
        press(DEPLOYMENTS_PART, "Retry failed");
        awaitRow(DEPLOYMENTS_PART, "items", "VM A pending again", r -> r.get(8).equals(VM_A) && r.get(2).equals("PENDING"));
        assertTrue(engine.calls().contains("retry " + id), engine.calls().toString());
    }
}
