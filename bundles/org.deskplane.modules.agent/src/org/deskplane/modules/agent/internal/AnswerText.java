package org.deskplane.modules.agent.internal;

import java.util.List;

import org.deskplane.modules.api.ModuleInfo;
import org.deskplane.modules.api.ModuleRequest;
import org.deskplane.modules.api.QueryResult;
import org.deskplane.modules.wire.ModuleAnswer;

/** An answer's payload as lines for people (and for scripts: one fact per line, "key value"). */
final class AnswerText {

    private AnswerText() {
    }

    static String of(ModuleAnswer a) {
        StringBuilder s = new StringBuilder();
        if (a.module() != null) {
            module(s, "module", a.module());
        }
        if (a.query() != null) {
            QueryResult q = a.query();
            q.matching().forEach(m -> module(s, "matching", m));
            q.others().forEach(m -> module(s, "other", m));
        }
        if (a.request() != null) {
            ModuleRequest r = a.request();
            s.append("request ").append(r.id()).append(' ').append(r.verb()).append(' ').append(r.target()).append(' ')
                    .append(r.status()).append('\n');
            s.append("requester user=").append(r.requester().user()).append(" image=").append(r.requester().image())
                    .append(" vm=").append(r.requester().vmId()).append('\n');
            if (r.restartRequired()) {
                s.append("restart-required yes\n");
            }
        }
        return s.toString();
    }

    private static void module(StringBuilder s, String what, ModuleInfo m) {
        s.append(what).append(' ').append(m.symbolicName()).append(' ').append(m.version()).append(' ').append(m.state())
                .append(" size=").append(m.size()).append(" sha256=").append(m.sha256()).append(" signer=")
                .append(m.signer().isEmpty() ? "-" : m.signer().replace(' ', '_')).append('\n');
    }

    /** The steps of an upload with --load/--register, one per line. */
    static String steps(List<String> steps) {
        return String.join("\n", steps) + (steps.isEmpty() ? "" : "\n");
    }
}
