package org.deskplane.client.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.deskplane.client.RemotePrinting.DriverPrinters;
import org.deskplane.client.ServerException;
import org.deskplane.print.api.HostPrinter;
import org.deskplane.print.api.PrintJobHandle;
import org.deskplane.print.api.PrintJobRequest;
import org.deskplane.print.api.PrintOptions;
import org.deskplane.print.api.PrinterCapabilities;
import org.deskplane.print.policy.PrintPolicyRule;
import org.deskplane.print.routing.PrintingContext;
import org.deskplane.print.routing.SpoolState;
import org.deskplane.print.routing.SpooledJob;
import org.deskplane.print.routing.VmPrinter;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads the print routes' JSON (org.deskplane.print.rest's PrintDtos) into the print API's records, and writes a
 * policy rule as the PUT body. Fields the server adds later are ignored; a value the records refuse is a clear error.
 */
final class PrintJson {

    private PrintJson() {
    }

    static DriverPrinters driver(JsonNode node) {
        require(node, "printer driver", "driver");
        return new DriverPrinters(node.get("driver").asText(), JsonMapping.list(node.path("printers"), "printer",
                PrintJson::printer), text(node, "error"));
    }

    static VmPrinter printer(JsonNode node) {
        require(node, "printer", "id", "driver", "printerId", "state");
        return readable("printer", () -> new VmPrinter(node.get("id").asText(), new HostPrinter(
                node.get("driver").asText(), node.get("printerId").asText(), text(node, "name"), text(node, "location"),
                HostPrinter.PrinterState.valueOf(node.get("state").asText().toUpperCase(Locale.ROOT)),
                strings(node.path("stateReasons")), node.path("acceptingJobs").asBoolean(true),
                capabilities(node.path("capabilities"))), node.path("nearest").asBoolean(false)));
    }

    private static PrinterCapabilities capabilities(JsonNode node) {
        List<PrinterCapabilities.Resolution> resolutions = new ArrayList<>();
        node.path("resolutions").forEach(r -> resolutions.add(new PrinterCapabilities.Resolution(
                r.path("crossFeed").asInt(), r.path("feed").asInt(), r.path("perInch").asBoolean(true))));
        int min = Math.max(1, node.path("minCopies").asInt(1));
        return new PrinterCapabilities(strings(node.path("documentFormats")), strings(node.path("media")),
                text(node, "defaultMedia"), strings(node.path("sides")), strings(node.path("colorModes")), min,
                Math.max(min, node.path("maxCopies").asInt(min)), resolutions);
    }

    /**
     * A job. The answer names the VM as {@code <connection>:<uuid>} and the driver's job as {@code <driver>:<job id>}
     * without the driver's printer id, so the handle carries the VM printer id in its place.
     */
    static SpooledJob job(JsonNode node) {
        require(node, "print job", "id", "vm", "user", "printer", "state", "created", "updated");
        return readable("print job", () -> {
            String id = node.get("id").asText();
            String vm = node.get("vm").asText();
            int colon = vm.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("vm is not <connection>:<uuid>: " + vm);
            }
            String format = text(node, "documentFormat");
            String printer = node.get("printer").asText();
            PrintJobRequest request = new PrintJobRequest(id, format.isEmpty() ? "application/octet-stream" : format,
                    text(node, "jobName"), new PrintJobRequest.Origin(node.get("user").asText(), text(node, "vmName"),
                            text(node, "application")), PrintOptions.DEFAULTS);
            String driverJob = text(node, "driverJob");
            int split = driverJob.indexOf(':');
            PrintJobHandle handle = split <= 0 ? null
                    : new PrintJobHandle(driverJob.substring(0, split), printer, driverJob.substring(split + 1), id);
            return new SpooledJob(id, new PrintingContext(vm.substring(0, colon), vm.substring(colon + 1),
                    text(node, "vmName"), text(node, "pool"), node.get("user").asText()), printer, request,
                    node.path("bytes").asLong(0), text(node, "sha256"),
                    SpoolState.valueOf(node.get("state").asText().toUpperCase(Locale.ROOT)), text(node, "reason"),
                    node.path("pages").asInt(0), handle, instant(node.get("created")), instant(node.get("updated")));
        });
    }

    static PrintPolicyRule rule(JsonNode node) {
        require(node, "print policy rule", "name", "effect");
        return readable("print policy rule", () -> new PrintPolicyRule(node.get("name").asText(),
                node.path("order").asInt(100),
                PrintPolicyRule.Effect.valueOf(node.get("effect").asText().toUpperCase(Locale.ROOT)),
                strings(node.path("users")), strings(node.path("vms")), strings(node.path("pools")),
                strings(node.path("printers")), strings(node.path("applications")),
                node.path("nearestOnly").asBoolean(false)));
    }

    static Map<String, Object> ruleBody(PrintPolicyRule rule) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", rule.name());
        body.put("order", rule.order());
        body.put("effect", rule.effect() == null ? null : rule.effect().name());
        body.put("users", rule.users());
        body.put("vms", rule.vms());
        body.put("pools", rule.pools());
        body.put("printers", rule.printers());
        body.put("applications", rule.applications());
        body.put("nearestOnly", rule.nearestOnly());
        return body;
    }

    /** ISO-8601 text, or seconds since the epoch (a server whose mapper writes dates as numbers). */
    private static Instant instant(JsonNode node) {
        if (node.isNumber()) {
            BigDecimal seconds = node.decimalValue();
            return Instant.ofEpochSecond(seconds.longValue(),
                    seconds.remainder(BigDecimal.ONE).movePointRight(9).intValue());
        }
        return Instant.parse(node.asText());
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.forEach(item -> out.add(item.asText()));
        return List.copyOf(out);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? "" : value.asText();
    }

    private static void require(JsonNode node, String what, String... fields) {
        if (node == null || !node.isObject()) {
            throw new ServerException(200, "Unexpected answer", "expected a " + what,
                    "The server's answer is not a " + what, null);
        }
        for (String field : fields) {
            if (!node.hasNonNull(field)) {
                throw new ServerException(200, "Unexpected answer", "missing " + field,
                        "The server sent a " + what + " without '" + field + "'", null);
            }
        }
    }

    private interface Reading<T> {
        T read();
    }

    private static <T> T readable(String what, Reading<T> reading) {
        try {
            return reading.read();
        } catch (IllegalArgumentException | NullPointerException | DateTimeParseException e) {
            throw new ServerException(200, "Unexpected answer", e.getMessage(),
                    "The server sent a " + what + " that cannot be read: " + e.getMessage(), e);
        }
    }
}
