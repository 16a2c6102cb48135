package org.deskplane.channel.internal.session;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What this side remembers about requests from one peer instance, so a request resent after a reconnect
 * is not executed twice: ids still running, and the encoded responses of the last finished ones (bounded).
 */
final class IncomingRequests {

    static final int REMEMBERED = 1024;

    /** Outcome of {@link #begin}: run it, ignore it (already running), or resend this response. */
    record Begin(boolean run, byte[] cachedResponse, long instance) {
    }

    private long instance;
    private final Set<Long> running = new HashSet<>();
    private final Map<Long, byte[]> finished = new LinkedHashMap<>(64, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, byte[]> eldest) {
            return size() > REMEMBERED;
        }
    };

    /** A new peer instance (it restarted): ids start over, forget the old ones. */
    synchronized void peerInstance(long newInstance) {
        if (newInstance != instance) {
            instance = newInstance;
            running.clear();
            finished.clear();
        }
    }

    synchronized Begin begin(long id) {
        byte[] cached = finished.get(id);
        if (cached != null) {
            return new Begin(false, cached, instance);
        }
        if (!running.add(id)) {
            return new Begin(false, null, instance);
        }
        return new Begin(true, null, instance);
    }

    /** Returns false when the peer restarted meanwhile: the response belongs to nobody now. */
    synchronized boolean finish(long forInstance, long id, byte[] response) {
        if (forInstance != instance) {
            return false;
        }
        running.remove(id);
        finished.put(id, response);
        return true;
    }
}
