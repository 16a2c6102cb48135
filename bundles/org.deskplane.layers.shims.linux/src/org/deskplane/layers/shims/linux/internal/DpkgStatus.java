package org.deskplane.layers.shims.linux.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The dpkg status database as stanzas (kept verbatim), keyed by package and architecture. Parsing is bounded:
 * at most {@link #MAX_STANZAS} stanzas of at most {@link #MAX_STANZA_CHARS} characters each.
 */
public final class DpkgStatus {

    public static final long MAX_BYTES = 64L << 20;
    static final int MAX_STANZAS = 200_000;
    static final int MAX_STANZA_CHARS = 1 << 20;

    private final Map<String, Stanza> stanzas;

    private DpkgStatus(Map<String, Stanza> stanzas) {
        this.stanzas = stanzas;
    }

    /** One package's block of fields. */
    public record Stanza(String packageName, String architecture, String status, String text) {

        String key() {
            return architecture.isEmpty() ? packageName : packageName + ":" + architecture;
        }

        /** dpkg keeps "not-installed" records for packages that are gone: those are never carried over. */
        boolean installedInSomeWay() {
            String[] words = status.trim().split("\\s+");
            return words.length == 3 && !words[2].equals("not-installed");
        }
    }

    public static DpkgStatus parse(String text) throws IOException {
        Map<String, Stanza> stanzas = new LinkedHashMap<>();
        String[] blocks = text.replace("\r\n", "\n").split("\n(?:[ \t]*\n)+");
        int line = 1;
        for (String block : blocks) {
            String trimmed = block.strip();
            if (!trimmed.isEmpty()) {
                if (stanzas.size() >= MAX_STANZAS) {
                    throw new IOException("dpkg status has more than " + MAX_STANZAS + " stanzas");
                }
                if (trimmed.length() > MAX_STANZA_CHARS) {
                    throw new IOException("dpkg status stanza near line " + line + " is longer than " + MAX_STANZA_CHARS);
                }
                Stanza s = stanza(trimmed, line);
                if (stanzas.putIfAbsent(s.key(), s) != null) {
                    throw new IOException("dpkg status lists " + s.key() + " twice (near line " + line + ")");
                }
            }
            line += block.split("\n", -1).length + 1;
        }
        return new DpkgStatus(stanzas);
    }

    private static Stanza stanza(String block, int line) throws IOException {
        String name = null;
        String arch = "";
        String status = "";
        for (String l : block.split("\n")) {
            if (l.startsWith(" ") || l.startsWith("\t")) {
                continue; // continuation of a multi-line field
            }
            int colon = l.indexOf(':');
            if (colon <= 0) {
                throw new IOException("dpkg status line near " + line + " is not a field: '" + abbreviate(l) + "'");
            }
            String field = l.substring(0, colon);
            String value = l.substring(colon + 1).strip();
            if (field.equalsIgnoreCase("Package")) {
                name = value;
            } else if (field.equalsIgnoreCase("Architecture")) {
                arch = value;
            } else if (field.equalsIgnoreCase("Status")) {
                status = value;
            }
        }
        if (name == null || name.isEmpty()) {
            throw new IOException("dpkg status stanza near line " + line + " has no Package field");
        }
        return new Stanza(name, arch, status, block);
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }

    public List<Stanza> stanzas() {
        return List.copyOf(stanzas.values());
    }

    public boolean has(String packageName, String architecture) {
        return stanzas.containsKey(new Stanza(packageName, architecture, "", "").key());
    }

    /**
     * The incoming database plus the packages installed only on this device: a package in both comes from
     * incoming; a local package that {@code previousIncoming} (the CVD's previous status) had was removed by the CVD
     * and is not brought back.
     */
    public static DpkgStatus merge(DpkgStatus incoming, DpkgStatus local, DpkgStatus previousIncoming) {
        Map<String, Stanza> merged = new TreeMap<>(incoming.stanzas);
        Set<String> previous = previousIncoming == null ? Set.of() : previousIncoming.stanzas.keySet();
        for (Stanza s : local.stanzas.values()) {
            if (!merged.containsKey(s.key()) && !previous.contains(s.key()) && s.installedInSomeWay()) {
                merged.put(s.key(), s);
            }
        }
        return new DpkgStatus(new LinkedHashMap<>(merged));
    }

    /** Packages of this database that {@code other} lacks. */
    public List<Stanza> missingFrom(DpkgStatus other) {
        List<Stanza> out = new ArrayList<>();
        stanzas.forEach((k, s) -> {
            if (!other.stanzas.containsKey(k)) {
                out.add(s);
            }
        });
        return out;
    }

    public String format() {
        StringBuilder out = new StringBuilder();
        for (Stanza s : stanzas.values()) {
            out.append(s.text()).append("\n\n");
        }
        return out.toString();
    }
}
