package org.deskplane.delivery.rest.internal;

import java.util.Comparator;
import java.util.List;

import org.deskplane.delivery.api.DeliveryException;
import org.deskplane.delivery.api.Deployment;
import org.deskplane.delivery.api.DeploymentService;
import org.deskplane.delivery.rest.internal.DeliveryDtos.DeploymentDetail;
import org.deskplane.delivery.rest.internal.DeliveryDtos.DeploymentSummary;
import org.deskplane.delivery.rest.internal.DeliveryDtos.LogPage;
import org.deskplane.delivery.rest.internal.DeliveryDtos.Retried;
import org.deskplane.rest.api.ApiException;
import org.deskplane.rest.api.ApiRequest;
import org.deskplane.rest.api.ApiResult;
import org.deskplane.rest.api.Handler;
import org.deskplane.rest.api.Route;
import org.deskplane.security.api.Role;

import com.fasterxml.jackson.databind.JsonNode;

/** Deployments: create, list, inspect per VM, pause, resume, cancel (all or one VM), retry failed, one VM's log. */
final class DeploymentRoutes {

    static final String BASE = "/delivery/deployments";
    static final String VM = BASE + "/{id}/vms/{connection}/{uuid}";
    static final int DEFAULT_LOG_LINES = 200;
    static final int MAX_LOG_LINES = 5000;

    private final DeliveryServices services;

    DeploymentRoutes(DeliveryServices services) {
        this.services = services;
    }

    /** A deployment action that answers the deployment as it is afterwards. */
    private interface Action {
        void apply(DeploymentService engine, String id) throws DeliveryException;
    }

    List<Route> routes() {
        return List.of(
                Route.get(BASE, Role.OPERATOR, "The deployments, newest first, each with its state and a summary "
                        + "(total, pending, running, succeeded, failed, cancelled)", Guarded.read(this::list)),
                Route.post(BASE, Role.ADMIN, "Create and start a deployment: {name, payloads:[{id,version}], "
                        + "targets:{vmIds (connection/uuid), names, pools, tags}, options:{methods, poweredOff "
                        + "FAIL_FAST|WAIT_FOR_START|ATTACH_FOR_NEXT_START, agentTimeoutSeconds, processingTimeoutSeconds, "
                        + "detachTimeoutSeconds, maxRetries, globalConcurrency, perHostConcurrency, failureThreshold}} "
                        + "→ 201 deployment with its items", Guarded.audited(services, "delivery.deployment.create",
                                this::create)),
                Route.get(BASE + "/{id}", Role.OPERATOR, "One deployment with its options and every item (VM, payload, "
                        + "state, outcome, method, progress 0-100, message, exit code, attempts)", Guarded.read(this::detail)),
                action("pause", "Stop starting new items; running ones finish", DeploymentService::pause),
                action("resume", "Start items again (also after the failure threshold paused the rollout)",
                        DeploymentService::resume),
                action("cancel", "Cancel: pending items will not start, running ones are stopped and cleaned up",
                        DeploymentService::cancel),
                Route.post(BASE + "/{id}/retry", Role.ADMIN, "Put failed and timed-out items back to pending (resumes a "
                        + "paused deployment) → {deployment, retried}", Guarded.audited(services,
                                "delivery.deployment.retry", this::retry)),
                Route.post(VM + "/cancel", Role.ADMIN, "Cancel one VM's items (the VM id connection/uuid as two path "
                        + "segments) → the deployment", Guarded.audited(services, "delivery.deployment.vm.cancel",
                                this::cancelVm)),
                Route.get(VM + "/log", Role.OPERATOR, "One VM's log (engine steps and the guest's output): ?from= (line, "
                        + "default 0) &max= (default " + DEFAULT_LOG_LINES + ", at most " + MAX_LOG_LINES
                        + ") → {from, next, lines}", Guarded.read(this::log)));
    }

    private Route action(String verb, String summary, Action action) {
        Handler handler = request -> {
            DeploymentService engine = services.deployments();
            String id = request.pathParam("id");
            action.apply(engine, id);
            return ApiResult.ok(DeploymentDetail.of(find(engine, id)));
        };
        return Route.post(BASE + "/{id}/" + verb, Role.ADMIN, summary + " → the deployment",
                Guarded.audited(services, "delivery.deployment." + verb, handler));
    }

    private ApiResult list(ApiRequest request) {
        return ApiResult.ok(services.deployments().list().stream()
                .sorted(Comparator.comparing(Deployment::created, Comparator.nullsLast(Comparator.reverseOrder())))
                .map(DeploymentSummary::of).toList());
    }

    private ApiResult create(ApiRequest request) throws DeliveryException {
        JsonNode body = request.bodyAs(JsonNode.class);
        Deployment created = services.deployments().create(DeploymentBody.parse(body), request.actor());
        return ApiResult.created(DeploymentDetail.of(created)).header("Location", "/api" + BASE + "/" + created.id());
    }

    private ApiResult detail(ApiRequest request) {
        return ApiResult.ok(DeploymentDetail.of(find(services.deployments(), request.pathParam("id"))));
    }

    private ApiResult retry(ApiRequest request) throws DeliveryException {
        String id = request.pathParam("id");
        return ApiResult.ok(new Retried(id, services.deployments().retryFailed(id)));
    }

    private ApiResult cancelVm(ApiRequest request) throws DeliveryException {
        DeploymentService engine = services.deployments();
        String id = request.pathParam("id");
        engine.cancel(id, Params.vmId(request));
        return ApiResult.ok(DeploymentDetail.of(find(engine, id)));
    }

    private ApiResult log(ApiRequest request) throws DeliveryException {
        int from = Params.integer(request, "from", 0, 0, Integer.MAX_VALUE - MAX_LOG_LINES);
        int max = Params.integer(request, "max", DEFAULT_LOG_LINES, 1, MAX_LOG_LINES);
        String id = request.pathParam("id");
        String vm = Params.vmId(request);
        List<String> lines = services.deployments().log(id, vm, from, max);
        List<String> page = lines.size() > max ? lines.subList(0, max) : lines;
        return ApiResult.ok(new LogPage(id, vm, from, from + page.size(), page));
    }

    private static Deployment find(DeploymentService engine, String id) {
        return engine.find(id).orElseThrow(() -> new ApiException(404, "NOT_FOUND", "no deployment '" + id + "'"));
    }
}
