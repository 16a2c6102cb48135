package org.deskplane.print.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.deskplane.print.routing.RoutingEvents;
import org.deskplane.security.api.AuditEvent;
import org.deskplane.security.api.AuditLog;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** Tells the world about jobs: {@link RoutingEvents} on Event Admin, one audit record per job end. */
final class JobReporter {

    static final String AUDIT_ACTION = "print.job";

    private final Supplier<EventAdmin> events;
    private final Supplier<AuditLog> audit;

    JobReporter(Supplier<EventAdmin> events, Supplier<AuditLog> audit) {
        this.events = events;
        this.audit = audit;
    }

    void changed(JobRecord job) {
        post(RoutingEvents.JOB_CHANGED, job);
    }

    /** A job denied by policy: audited, and posted for the admin's attention. */
    void denied(JobRecord job) {
        ended(job);
        post(RoutingEvents.JOB_DENIED, job);
    }

    /** One audit record per job end: user, VM, application, printer, pages, bytes, result. */
    void ended(JobRecord job) {
        changed(job);
        AuditLog log = audit.get();
        if (log == null) {
            return;
        }
        AuditEvent.Result result = switch (job.state()) {
            case COMPLETED -> AuditEvent.Result.SUCCESS;
            case DENIED -> AuditEvent.Result.DENIED;
            default -> AuditEvent.Result.FAILURE;
        };
        String application = job.request().origin().application();
        String detail = "job=" + job.id() + " vm=" + job.context().vmKey() + " (" + job.context().vmName() + ")"
                + " pool=" + job.context().pool() + " application=" + (application.isEmpty() ? "unknown" : application)
                + " printer=" + job.driver() + "/" + job.printerId() + " pages=" + job.pages() + " bytes=" + job.bytes()
                + " result=" + job.state() + (job.reason().isEmpty() ? "" : " reason=" + job.reason());
        log.record(AuditEvent.now(job.context().user(), AUDIT_ACTION, job.vmPrinterId(), result, detail,
                "vm:" + job.context().vmKey()));
    }

    void vmPrintersChanged(String why) {
        EventAdmin admin = events.get();
        if (admin != null) {
            admin.postEvent(new Event(RoutingEvents.VM_PRINTERS_CHANGED, Map.of(RoutingEvents.REASON, why)));
        }
    }

    private void post(String topic, JobRecord job) {
        EventAdmin admin = events.get();
        if (admin == null) {
            return;
        }
        Map<String, Object> properties = new HashMap<>();
        properties.put(RoutingEvents.JOB, job.id());
        properties.put(RoutingEvents.STATE, job.state().name());
        properties.put(RoutingEvents.REASON, job.reason());
        properties.put(RoutingEvents.VM, job.context().vmKey());
        properties.put(RoutingEvents.USER, job.context().user());
        properties.put(RoutingEvents.PRINTER, job.vmPrinterId());
        admin.postEvent(new Event(topic, properties));
    }
}
