package org.deskplane.delivery.ui.internal;

import static org.deskplane.delivery.ui.internal.DeliveryWidgets.WIDGETS;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deskplane.delivery.ui.internal.DeliveryRows.PayloadRow;
import org.deskplane.workbench.platform.ui.support.FormDialog;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Shell;

/**
 * A new deployment: payload, targets (ids, names, pools, tags, comma separated), method preference, powered-off
 * policy, concurrency, failure threshold and retries. It checks only what it must to build the request (numbers); the
 * server checks the rest and its 400 is shown in the error dialog.
 */
final class NewDeploymentDialog extends FormDialog {

    static final List<String> POWERED_OFF = List.of("FAIL_FAST", "WAIT_FOR_START", "ATTACH_FOR_NEXT_START");

    private final List<PayloadRow> payloads;
    private Combo payload;
    private Combo poweredOff;
    private Map<String, Object> body;

    NewDeploymentDialog(Shell parent, List<PayloadRow> payloads) {
        super(parent, "New deployment", WIDGETS);
        this.payloads = List.copyOf(payloads);
    }

    @Override
    protected void fields(Composite area) {
        text(area, "name", "Name", "what this rollout is, e.g. office patch November", "");
        payload = combo(area, "payload", "Payload", "the payload to deliver",
                payloads.stream().map(PayloadRow::ref).toList());
        text(area, "vmIds", "VM ids", "connection/uuid, comma separated", "");
        text(area, "names", "VM names", "comma separated", "");
        text(area, "pools", "Pools", "VM metadata 'pool', comma separated", "");
        text(area, "tags", "Tags", "VM metadata 'tags', comma separated", "");
        text(area, "methods", "Methods", "preference order: cdrom, disk-clone, channel-copy, qga-copy (empty: server default)", "");
        poweredOff = combo(area, "poweredOff", "Powered-off VMs", "what to do with VMs that are not running", POWERED_OFF);
        text(area, "globalConcurrency", "VMs at once", "in progress at once in this deployment", "10");
        text(area, "perHostConcurrency", "VMs at once per host", "in progress at once per hypervisor host", "4");
        text(area, "failureThreshold", "Pause after failures", "failed VMs after which the rollout pauses; 0: never", "0");
        text(area, "maxRetries", "Retries", "retries of a transient error per VM (0-20)", "2");
    }

    @Override
    protected String okLabel() {
        return "Deploy";
    }

    @Override
    protected boolean accept() {
        if (payload.getSelectionIndex() < 0) {
            problem("Import a payload first: there is none to deliver.");
            return false;
        }
        PayloadRow chosen = payloads.get(payload.getSelectionIndex());
        Map<String, Object> targets = new LinkedHashMap<>();
        for (String key : List.of("vmIds", "names", "pools", "tags")) {
            targets.put(key, split(value(key)));
        }
        if (targets.values().stream().allMatch(v -> ((List<?>) v).isEmpty())) {
            problem("Name the target VMs: by id, name, pool or tag.");
            return false;
        }
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("methods", split(value("methods")));
        options.put("poweredOff", POWERED_OFF.get(Math.max(0, poweredOff.getSelectionIndex())));
        for (String key : List.of("globalConcurrency", "perHostConcurrency", "failureThreshold", "maxRetries")) {
            try {
                options.put(key, Integer.parseInt(value(key)));
            } catch (NumberFormatException e) {
                problem(key + ": '" + value(key) + "' is not a whole number.");
                return false;
            }
        }
        Map<String, Object> request = new LinkedHashMap<>();
        if (!value("name").isEmpty()) {
            request.put("name", value("name"));
        }
        request.put("payloads", List.of(Map.of("id", chosen.id(), "version", chosen.version())));
        request.put("targets", targets);
        request.put("options", options);
        body = request;
        return true;
    }

    /** The request body for {@code POST /delivery/deployments}. */
    Map<String, Object> body() {
        return body;
    }

    private static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(out::add);
        return out;
    }
}
