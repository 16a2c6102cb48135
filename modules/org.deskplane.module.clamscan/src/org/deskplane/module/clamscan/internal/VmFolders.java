package org.deskplane.module.clamscan.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The host folders configured for VMs ({@code <vm uuid or name>=<folder>}, {@code *=<folder>} for all); entries
 * without '=' or with a relative folder are ignored with a warning, so one typo does not stop every VM.
 */
final class VmFolders {

    private static final System.Logger LOG = System.getLogger(VmFolders.class.getName());

    private final List<String[]> entries = new ArrayList<>();

    VmFolders(String[] configured) {
        for (String entry : configured == null ? new String[0] : configured) {
            int equals = entry.indexOf('=');
            if (equals <= 0 || !Path.of(entry.substring(equals + 1).trim()).isAbsolute()) {
                LOG.log(System.Logger.Level.WARNING, "ignoring vmFolders entry ''{0}'': not <vm>=<absolute folder>",
                        entry);
                continue;
            }
            entries.add(new String[] { entry.substring(0, equals).trim(), entry.substring(equals + 1).trim() });
        }
    }

    List<Path> forVm(String uuid, String name) {
        List<Path> folders = new ArrayList<>();
        for (String[] entry : entries) {
            if (entry[0].equals("*") || entry[0].equals(uuid) || entry[0].equals(name)) {
                folders.add(Path.of(entry[1]));
            }
        }
        return folders;
    }
}
