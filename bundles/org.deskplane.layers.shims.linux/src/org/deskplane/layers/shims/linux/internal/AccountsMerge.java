package org.deskplane.layers.shims.linux.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The account rule: the device keeps its own system accounts and groups (id &lt; 1000, and nobody/nogroup 65534)
 * because its packages and files use them; the CVD brings the humans (id &ge; 1000) and any system account the
 * device lacks. Never two entries with one name or one id: for system entries the local one wins, for humans the
 * incoming one. Members of a kept system group are the union of both sides' members that still exist.
 */
final class AccountsMerge {

    static final long FIRST_HUMAN_ID = 1000;
    private static final long NOBODY = 65534;

    private AccountsMerge() {
    }

    static boolean isHuman(long id) {
        return id >= FIRST_HUMAN_ID && id != NOBODY && id < 4_294_967_295L;
    }

    /** Merges passwd or group entries (same shape: name, password, id…). */
    static List<ColonFile.Entry> merge(List<ColonFile.Entry> local, List<ColonFile.Entry> incoming) {
        List<ColonFile.Entry> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<Long> ids = new HashSet<>();
        for (ColonFile.Entry e : local) {
            if (!isHuman(e.id()) && names.add(e.name()) && ids.add(e.id())) {
                out.add(e);
            }
        }
        for (ColonFile.Entry e : incoming) {
            if (!isHuman(e.id()) && !names.contains(e.name()) && !ids.contains(e.id())) {
                names.add(e.name());
                ids.add(e.id());
                out.add(e);
            }
        }
        for (ColonFile.Entry e : incoming) {
            if (isHuman(e.id()) && !names.contains(e.name()) && !ids.contains(e.id())) {
                names.add(e.name());
                ids.add(e.id());
                out.add(e);
            }
        }
        return out;
    }

    /** Group member lists (4th field) of kept entries: both sides' members that are accounts of the result. */
    static List<ColonFile.Entry> mergeMembers(List<ColonFile.Entry> groups, List<ColonFile.Entry> local,
            List<ColonFile.Entry> incoming, Set<String> accounts, int memberField) {
        Map<String, ColonFile.Entry> localByName = byName(local);
        Map<String, ColonFile.Entry> incomingByName = byName(incoming);
        List<ColonFile.Entry> out = new ArrayList<>();
        for (ColonFile.Entry g : groups) {
            Set<String> members = new LinkedHashSet<>();
            for (ColonFile.Entry side : new ColonFile.Entry[] { localByName.get(g.name()), incomingByName.get(g.name()) }) {
                if (side != null && side.fields().length > memberField && !side.fields()[memberField].isEmpty()) {
                    for (String m : side.fields()[memberField].split(",")) {
                        if (accounts.contains(m.strip())) {
                            members.add(m.strip());
                        }
                    }
                }
            }
            String[] fields = g.fields().clone();
            fields[memberField] = String.join(",", members);
            out.add(new ColonFile.Entry(fields, String.join(":", fields)));
        }
        return out;
    }

    /**
     * Shadow entries (shadow, gshadow) follow their account: from the side the merged passwd/group entry came from.
     */
    static List<ColonFile.Entry> follow(List<ColonFile.Entry> merged, Set<String> fromLocal, List<ColonFile.Entry> localShadow,
            List<ColonFile.Entry> incomingShadow) {
        Map<String, ColonFile.Entry> l = byName(localShadow);
        Map<String, ColonFile.Entry> i = byName(incomingShadow);
        List<ColonFile.Entry> out = new ArrayList<>();
        for (ColonFile.Entry e : merged) {
            ColonFile.Entry s = fromLocal.contains(e.name()) ? l.get(e.name()) : i.get(e.name());
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    static Map<String, ColonFile.Entry> byName(List<ColonFile.Entry> entries) {
        Map<String, ColonFile.Entry> map = new HashMap<>();
        for (ColonFile.Entry e : entries) {
            map.putIfAbsent(e.name(), e);
        }
        return map;
    }
}
