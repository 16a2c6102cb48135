package org.deskplane.print.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.deskplane.hypervisor.api.HypervisorConnection;
import org.deskplane.hypervisor.api.HypervisorException;
import org.deskplane.hypervisor.api.VmInfo;
import org.deskplane.print.api.HostPrinter;
import org.deskplane.print.api.PrintException;
import org.deskplane.print.api.PrintJobRequest;
import org.deskplane.print.api.PrintOptions;
import org.deskplane.print.api.PrinterDriver;
import org.deskplane.print.policy.PrintPolicies;
import org.deskplane.print.policy.PrintPolicyRule;
import org.deskplane.print.rest.internal.PrintDtos.Driver;
import org.deskplane.print.rest.internal.PrintDtos.Job;
import org.deskplane.print.rest.internal.PrintDtos.Printer;
import org.deskplane.print.rest.internal.PrintDtos.Rule;
import org.deskplane.print.routing.PrintRouter;
import org.deskplane.print.routing.PrintingContext;
import org.deskplane.print.routing.SpooledJob;
import org.deskplane.rest.api.ApiException;
import org.deskplane.rest.api.ApiRequest;
import org.deskplane.rest.api.ApiResource;
import org.deskplane.rest.api.ApiResult;
import org.deskplane.rest.api.Route;
import org.deskplane.security.api.AuditEvent;
import org.deskplane.security.api.AuditLog;
import org.deskplane.security.api.Role;
import org.deskplane.security.api.Session;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The {@code print} group of REST routes. Operators see every printer and job; a user sees only the jobs they printed.
 * Everything it uses is a dynamic reference, so the router or a driver can be updated while the server runs (a
 * missing router answers 503).
 */
@Component(service = ApiResource.class, property = ApiResource.NAME_PROPERTY + "=print")
public final class PrintResource implements ApiResource {

    /** VM metadata naming the VM's user (as the content catalog reads it). */
    static final String OWNER_KEY = "owner";
    static final String POOL_KEY = "pool";
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PrintRouter router;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PrintPolicies policies;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<PrinterDriver> drivers;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<HypervisorConnection> connections;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AuditLog audit;

    private final List<Route> routes = List.of(
            Route.get("/print/printers", Role.OPERATOR,
                    "The host's printers per driver, with capabilities and state", request -> ApiResult.ok(hostPrinters())),
            Route.get("/print/vms/{connection}/{uuid}/printers", Role.OPERATOR,
                    "The printers a VM's owner may print to from that VM (policy and location rule applied)",
                    this::vmPrinters),
            Route.get("/print/jobs", Role.USER,
                    "Print jobs, newest first (?vm=<connection>:<uuid>&limit=); a user sees only their own", this::jobs),
            Route.post("/print/jobs", Role.ADMIN, "Print the request body (its Content-Type is the document format, "
                    + "default application/pdf) from a VM as the VM's owner would, through the router and its policy: "
                    + "?vm=<connection>:<uuid>&printer=<VM printer id>&name=<job name>&key=<idempotency key>; "
                    + "for test pages and checks of a printer's path", this::submit),
            Route.get("/print/jobs/{id}", Role.USER, "One print job with its live state", this::job),
            Route.post("/print/jobs/{id}/cancel", Role.USER,
                    "Cancel a print job in the spool or at the printer (a user only their own)", this::cancel),
            Route.get("/print/policies", Role.ADMIN, "The print policy rules, in the order they are tried",
                    request -> ApiResult.ok(policies().list().stream().map(Rule::of).toList())),
            Route.get("/print/policies/{name}", Role.ADMIN, "One print policy rule", this::policy),
            Route.put("/print/policies/{name}", Role.ADMIN, "Create or replace a print policy rule {order, effect "
                    + "ALLOW|DENY, users, vms, pools, printers, applications (globs), nearestOnly}", this::putPolicy),
            Route.delete("/print/policies/{name}", Role.ADMIN, "Delete a print policy rule", this::deletePolicy));

    @Override
    public List<Route> routes() {
        return routes;
    }

    private List<Driver> hostPrinters() {
        List<PrinterDriver> current = drivers;
        List<Driver> result = new ArrayList<>();
        for (PrinterDriver driver : current == null ? List.<PrinterDriver>of() : current) {
            try {
                List<Printer> printers = driver.printers().stream()
                        .map(p -> Printer.of(vmPrinterId(p), p, false)).toList();
                result.add(new Driver(driver.id(), printers, null));
            } catch (PrintException | RuntimeException e) {
                result.add(new Driver(driver.id(), List.of(), e.getMessage()));
            }
        }
        result.sort(Comparator.comparing(Driver::driver));
        return result;
    }

    /** The same id the router gives ({@code <driver>.<printer id>}, sanitised), so operators can name printers in rules. */
    static String vmPrinterId(HostPrinter printer) {
        return sanitise(printer.driver()) + "." + sanitise(printer.id());
    }

    private static String sanitise(String value) {
        return value.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    private ApiResult vmPrinters(ApiRequest request) throws PrintException {
        PrintingContext context = contextOf(request.pathParam("connection"), request.pathParam("uuid"));
        return ApiResult.ok(router().printersFor(context).stream().map(Printer::of).toList());
    }

    /** The VM as the router sees it: its owner (metadata {@value #OWNER_KEY}) prints, in its pool. */
    private PrintingContext contextOf(String connectionId, String uuid) {
        List<HypervisorConnection> current = connections;
        HypervisorConnection connection = (current == null ? List.<HypervisorConnection>of() : current).stream()
                .filter(c -> c.id().equals(connectionId)).findFirst()
                .orElseThrow(() -> ApiException.notFound("no hypervisor connection '" + connectionId + "'"));
        VmInfo vm;
        try {
            vm = connection.vm(uuid);
        } catch (HypervisorException e) {
            throw new ApiException(404, "Not found", "no VM " + uuid + " on " + connectionId + ": " + e.getMessage(), e);
        }
        Map<String, String> metadata = vm.metadata();
        String owner = metadata.getOrDefault(OWNER_KEY, "");
        if (owner.isBlank()) {
            throw new ApiException(409, "VM has no owner", "VM " + vm.name() + " has no '" + OWNER_KEY
                    + "' metadata, so no user prints from it");
        }
        return new PrintingContext(connectionId, vm.id().uuid().toLowerCase(Locale.ROOT), vm.name(),
                metadata.getOrDefault(POOL_KEY, ""), owner);
    }

    private ApiResult jobs(ApiRequest request) {
        int limit = limit(request);
        String vm = request.query("vm").filter(v -> !v.isBlank()).orElse(null);
        Session session = request.session().orElseThrow();
        List<SpooledJob> jobs;
        if (session.role().includes(Role.OPERATOR)) {
            jobs = router().jobs(vm, limit);
        } else {
            jobs = router().jobs(vm, Integer.MAX_VALUE).stream()
                    .filter(j -> j.context().user().equals(session.username())).limit(limit).toList();
        }
        return ApiResult.ok(jobs.stream().map(Job::of).toList());
    }

    private static int limit(ApiRequest request) {
        String raw = request.query("limit").orElse(Integer.toString(DEFAULT_LIMIT));
        try {
            int limit = Integer.parseInt(raw.strip());
            if (limit < 1 || limit > MAX_LIMIT) {
                throw ApiException.badRequest("limit must be between 1 and " + MAX_LIMIT + ": " + raw);
            }
            return limit;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("limit is not a number: " + raw);
        }
    }

    private ApiResult job(ApiRequest request) {
        return ApiResult.ok(Job.of(visibleJob(request)));
    }

    /** The job named in the path, if the caller may see it; others' jobs are "not found" to a user. */
    private SpooledJob visibleJob(ApiRequest request) {
        String id = request.pathParam("id");
        Session session = request.session().orElseThrow();
        return router().job(id)
                .filter(j -> session.role().includes(Role.OPERATOR) || j.context().user().equals(session.username()))
                .orElseThrow(() -> ApiException.notFound("no print job '" + id + "'"));
    }

    /** An administrator's test print: the job goes through the router exactly as a guest's would (policy, spool). */
    private ApiResult submit(ApiRequest request) {
        String vm = request.query("vm").map(String::strip).orElse("");
        int colon = vm.lastIndexOf(':');
        if (colon <= 0 || colon == vm.length() - 1) {
            throw ApiException.badRequest("vm must be <connection>:<uuid>: '" + vm + "'");
        }
        String printer = request.query("printer").map(String::strip).filter(p -> !p.isEmpty())
                .orElseThrow(() -> ApiException.badRequest("printer (a VM printer id such as pdf.pdf) is required"));
        PrintingContext context = contextOf(vm.substring(0, colon), vm.substring(colon + 1));
        String format = request.header("Content-Type").map(t -> t.split(";", 2)[0].strip().toLowerCase(Locale.ROOT))
                .filter(t -> !t.isEmpty()).orElse("application/pdf");
        PrintJobRequest job;
        try {
            job = new PrintJobRequest(request.query("key").orElse("rest-" + UUID.randomUUID()), format,
                    request.query("name").orElse("test page"),
                    new PrintJobRequest.Origin(context.user(), context.vmName(), ""), PrintOptions.DEFAULTS);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        try (InputStream document = request.body()) {
            SpooledJob spooled = router().submit(context, printer, job, document, declaredLength(request));
            record(request, "print.job.submit", spooled.id(), AuditEvent.Result.SUCCESS,
                    "as " + context.user() + " from " + context.vmKey() + " to " + printer);
            return ApiResult.created(Job.of(spooled));
        } catch (PrintException e) {
            record(request, "print.job.submit", job.idempotencyKey(), AuditEvent.Result.FAILURE, e.getMessage());
            throw PrintProblems.of(e);
        } catch (IOException e) {
            throw new ApiException(400, "Bad request", "the document could not be read: " + e.getMessage(), e);
        }
    }

    private static long declaredLength(ApiRequest request) {
        try {
            return request.header("Content-Length").map(String::strip).map(Long::parseLong).orElse(-1L);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private ApiResult cancel(ApiRequest request) throws PrintException {
        SpooledJob job = visibleJob(request);
        try {
            SpooledJob cancelled = router().cancel(job.id());
            record(request, "print.job.cancel", job.id(), AuditEvent.Result.SUCCESS, cancelled.state().name());
            return ApiResult.ok(Job.of(cancelled));
        } catch (PrintException e) {
            record(request, "print.job.cancel", job.id(), AuditEvent.Result.FAILURE, e.getMessage());
            throw PrintProblems.of(e);
        }
    }

    private ApiResult policy(ApiRequest request) throws PrintException {
        String name = request.pathParam("name");
        return ApiResult.ok(policies().list().stream().filter(r -> r.name().equals(name)).findFirst().map(Rule::of)
                .orElseThrow(() -> ApiException.notFound("no print policy rule '" + name + "'")));
    }

    private ApiResult putPolicy(ApiRequest request) {
        String name = request.pathParam("name");
        Rule body = request.bodyAs(Rule.class);
        if (body == null) {
            throw ApiException.badRequest("body {order, effect, users, vms, pools, printers, applications, nearestOnly} required");
        }
        if (body.name() != null && !body.name().equals(name)) {
            throw ApiException.badRequest("the body names rule '" + body.name() + "' but the path names '" + name + "'");
        }
        PrintPolicyRule.Effect effect;
        try {
            effect = PrintPolicyRule.Effect.valueOf(body.effect() == null ? "" : body.effect().strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("effect: '" + body.effect() + "' is not ALLOW or DENY");
        }
        PrintPolicyRule rule = new PrintPolicyRule(name, body.order() == null ? 100 : body.order(), effect, body.users(),
                body.vms(), body.pools(), body.printers(), body.applications(),
                body.nearestOnly() != null && body.nearestOnly());
        try {
            return ApiResult.ok(Rule.of(policies().put(request.actor(), rule)));
        } catch (PrintException e) {
            throw PrintProblems.of(e);
        }
    }

    private ApiResult deletePolicy(ApiRequest request) {
        try {
            policies().delete(request.actor(), request.pathParam("name"));
            return ApiResult.noContent();
        } catch (PrintException e) {
            throw PrintProblems.of(e);
        }
    }

    private PrintRouter router() {
        PrintRouter current = router;
        if (current == null) {
            throw new ApiException(503, "Print router unavailable", "the print router (bundle org.deskplane.print) is not running");
        }
        return current;
    }

    private PrintPolicies policies() {
        PrintPolicies current = policies;
        if (current == null) {
            throw new ApiException(503, "Print policies unavailable", "the print router (bundle org.deskplane.print) is not running");
        }
        return current;
    }

    private void record(ApiRequest request, String action, String target, AuditEvent.Result result, String detail) {
        AuditLog log = audit;
        if (log != null) {
            log.record(AuditEvent.now(request.actor(), action, target, result, detail, request.remoteAddress()));
        }
    }
}
