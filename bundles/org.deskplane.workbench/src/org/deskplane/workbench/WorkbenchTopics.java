package org.deskplane.workbench;

/** Event topics (IEventBroker) that parts subscribe to with {@code @UIEventTopic}. */
public final class WorkbenchTopics {

    /** Every part reads its data again. Data: none. */
    public static final String REFRESH = "org/deskplane/workbench/refresh";

    /** Bundles or features changed on the server. Data: a short description of what was done. */
    public static final String BUNDLES_CHANGED = "org/deskplane/workbench/bundles/changed";

    private WorkbenchTopics() {
    }
}
