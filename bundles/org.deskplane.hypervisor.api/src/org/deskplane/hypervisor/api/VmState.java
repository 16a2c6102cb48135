package org.deskplane.hypervisor.api;

/** Run state of a virtual machine as the hypervisor reports it. */
public enum VmState {
    RUNNING, BLOCKED, PAUSED, SHUTTING_DOWN, SHUTOFF, CRASHED, PMSUSPENDED, UNKNOWN
}
