package org.deskplane.print.rest.internal;

import java.time.Instant;
import java.util.List;

import org.deskplane.print.api.HostPrinter;
import org.deskplane.print.api.PrinterCapabilities;
import org.deskplane.print.policy.PrintPolicyRule;
import org.deskplane.print.routing.SpooledJob;
import org.deskplane.print.routing.VmPrinter;

/** JSON shapes of the print routes. */
final class PrintDtos {

    private PrintDtos() {
    }

    /** One driver and its printers; {@code error} says why a driver that is there lists none. */
    record Driver(String driver, List<Printer> printers, String error) {
    }

    record Printer(String id, String driver, String printerId, String name, String location, String state,
            List<String> stateReasons, boolean acceptingJobs, boolean nearest, PrinterCapabilities capabilities) {

        static Printer of(String id, HostPrinter p, boolean nearest) {
            return new Printer(id, p.driver(), p.id(), p.name(), p.location(), p.state().name(), p.stateReasons(),
                    p.acceptingJobs(), nearest, p.capabilities());
        }

        static Printer of(VmPrinter p) {
            return of(p.id(), p.printer(), p.nearest());
        }
    }

    record Job(String id, String vm, String vmName, String pool, String user, String printer, String documentFormat,
            String jobName, String application, long bytes, String sha256, String state, String reason, int pages,
            String driverJob, Instant created, Instant updated) {

        static Job of(SpooledJob j) {
            return new Job(j.id(), j.context().vmKey(), j.context().vmName(), j.context().pool(), j.context().user(),
                    j.vmPrinterId(), j.request().documentFormat(), j.request().jobName(),
                    j.request().origin().application(), j.bytes(), j.sha256(), j.state().name(), j.reason(), j.pages(),
                    j.driverJob() == null ? null : j.driverJob().driver() + ":" + j.driverJob().jobId(), j.created(),
                    j.updated());
        }
    }

    /** A policy rule as clients write it ({@code effect} ALLOW or DENY). */
    record Rule(String name, Integer order, String effect, List<String> users, List<String> vms, List<String> pools,
            List<String> printers, List<String> applications, Boolean nearestOnly) {

        static Rule of(PrintPolicyRule r) {
            return new Rule(r.name(), r.order(), r.effect().name(), r.users(), r.vms(), r.pools(), r.printers(),
                    r.applications(), r.nearestOnly());
        }
    }
}
