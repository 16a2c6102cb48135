package org.deskplane.workbench.internal.handlers;

import org.deskplane.workbench.WorkbenchTopics;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.services.events.IEventBroker;

/** Asks every part to read its data again. */
public class RefreshHandler {

    @Execute
    void execute(IEventBroker broker) {
        broker.post(WorkbenchTopics.REFRESH, "refresh");
    }
}
