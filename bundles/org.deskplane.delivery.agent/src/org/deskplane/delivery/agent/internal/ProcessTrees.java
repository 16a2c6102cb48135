package org.deskplane.delivery.agent.internal;

import java.util.List;

/**
 * Kills a process with everything it started. Descendants are listed before the parent dies (afterwards they are
 * re-parented to init and no longer show as its descendants); the parent dies first, so a shell cannot go on to its
 * next command when the child it waits for is killed.
 */
final class ProcessTrees {

    private ProcessTrees() {
    }

    static void kill(ProcessHandle root) {
        List<ProcessHandle> descendants = root.descendants().toList();
        root.destroyForcibly();
        for (ProcessHandle child : descendants) {
            // a child may have forked after the listing: take its own children along
            child.descendants().forEach(ProcessHandle::destroyForcibly);
            child.destroyForcibly();
        }
    }
}
