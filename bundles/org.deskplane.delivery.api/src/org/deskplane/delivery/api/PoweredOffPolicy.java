package org.deskplane.delivery.api;

/** What a deployment does with a target VM that is not running. */
public enum PoweredOffPolicy {
    /** Fail that VM at once ("VM is not running"). */
    FAIL_FAST,
    /** Keep it pending until the VM starts (or the deployment is cancelled). */
    WAIT_FOR_START,
    /**
     * Put the media into the VM's persistent definition now, so it is there when the VM next starts; processing
     * follows once the agent answers after that start.
     */
    ATTACH_FOR_NEXT_START
}
