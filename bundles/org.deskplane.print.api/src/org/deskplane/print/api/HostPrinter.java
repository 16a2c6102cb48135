package org.deskplane.print.api;

import java.util.List;
import java.util.Objects;

/**
 * A printer a driver can print to.
 *
 * @param driver the {@link PrinterDriver#id()} of the driver that owns it
 * @param id unique within the driver, stable across restarts (a CUPS queue name, a configured id)
 * @param name a name for people
 * @param location where it is, as the backend describes it ("" if unknown)
 * @param state idle, processing or stopped
 * @param stateReasons the backend's reasons (IPP printer-state-reasons keywords), empty when none
 * @param acceptingJobs whether the backend takes new jobs now
 * @param capabilities what a job may ask for
 */
public record HostPrinter(String driver, String id, String name, String location, PrinterState state,
        List<String> stateReasons, boolean acceptingJobs, PrinterCapabilities capabilities) {

    public HostPrinter {
        Objects.requireNonNull(driver, "driver");
        Objects.requireNonNull(id, "id");
        name = name == null || name.isBlank() ? id : name;
        location = location == null ? "" : location;
        Objects.requireNonNull(state, "state");
        stateReasons = List.copyOf(stateReasons);
        Objects.requireNonNull(capabilities, "capabilities");
    }

    /** The state of a printer (IPP printer-state). */
    public enum PrinterState {
        IDLE, PROCESSING, STOPPED
    }
}
