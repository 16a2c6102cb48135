package org.deskplane.layers.shims.linux.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.deskplane.layers.spi.LayerShim;
import org.deskplane.layers.spi.ShimContext;
import org.deskplane.layers.spi.ShimHook;
import org.osgi.service.component.annotations.Component;

/**
 * Before a pivot: merges the staged {@code etc/passwd}, {@code etc/group}, {@code etc/shadow} and
 * {@code etc/gshadow} with the device's own (rule in {@link AccountsMerge}). Only staged files are rewritten; a file
 * the new version did not change is not staged and stays as it is. All four are parsed before any is written, so a
 * malformed file changes nothing.
 */
@Component(service = LayerShim.class)
public final class AccountsShim implements LayerShim {

    @Override
    public String osFamily() {
        return "linux";
    }

    @Override
    public String name() {
        return "accounts";
    }

    @Override
    public Set<ShimHook> hooks() {
        return Set.of(ShimHook.PRE_PIVOT);
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public void run(ShimHook hook, ShimContext context) throws IOException {
        Path root = context.root();
        Path staging = context.staging();
        List<ColonFile.Entry> localPasswd = read(root, "etc/passwd", 7, true);
        List<ColonFile.Entry> stagedPasswd = read(staging, "etc/passwd", 7, true);
        List<ColonFile.Entry> localGroup = read(root, "etc/group", 4, true);
        List<ColonFile.Entry> stagedGroup = read(staging, "etc/group", 4, true);
        List<ColonFile.Entry> localShadow = read(root, "etc/shadow", 2, false);
        List<ColonFile.Entry> stagedShadow = read(staging, "etc/shadow", 2, false);
        List<ColonFile.Entry> localGshadow = read(root, "etc/gshadow", 4, false);
        List<ColonFile.Entry> stagedGshadow = read(staging, "etc/gshadow", 4, false);

        boolean passwdStaged = staged(staging, "etc/passwd");
        boolean groupStaged = staged(staging, "etc/group");
        List<ColonFile.Entry> passwd = passwdStaged ? AccountsMerge.merge(localPasswd, stagedPasswd) : localPasswd;
        Set<String> accounts = passwd.stream().map(ColonFile.Entry::name).collect(Collectors.toSet());
        List<ColonFile.Entry> group = localGroup;
        if (groupStaged) {
            group = AccountsMerge.merge(localGroup, stagedGroup);
            group = AccountsMerge.mergeMembers(group, localGroup, stagedGroup, accounts, 3);
        }

        if (passwdStaged) {
            write(staging, "etc/passwd", passwd, "rw-r--r--");
        }
        if (groupStaged) {
            write(staging, "etc/group", group, "rw-r--r--");
        }
        if (staged(staging, "etc/shadow")) {
            write(staging, "etc/shadow", AccountsMerge.follow(passwd, systemNames(passwd, localPasswd), localShadow,
                    stagedShadow), "rw-r-----");
        }
        if (staged(staging, "etc/gshadow")) {
            Set<String> groupNames = group.stream().map(ColonFile.Entry::name).collect(Collectors.toSet());
            List<ColonFile.Entry> gshadow = AccountsMerge.follow(group, systemNames(group, localGroup), localGshadow,
                    stagedGshadow);
            gshadow = AccountsMerge.mergeMembers(gshadow, localGshadow, stagedGshadow, accounts, 3);
            gshadow.removeIf(e -> !groupNames.contains(e.name()));
            write(staging, "etc/gshadow", gshadow, "rw-r-----");
        }
        context.log("accounts: " + passwd.size() + " accounts, " + group.size() + " groups after the merge");
    }

    /** Names whose merged entry is a device system entry (their shadow line stays the device's). */
    private static Set<String> systemNames(List<ColonFile.Entry> merged, List<ColonFile.Entry> local) {
        Map<String, ColonFile.Entry> localByName = AccountsMerge.byName(local);
        Set<String> names = new HashSet<>();
        for (ColonFile.Entry e : merged) {
            if (!AccountsMerge.isHuman(e.id()) && localByName.containsKey(e.name())) {
                names.add(e.name());
            }
        }
        return names;
    }

    private static boolean staged(Path staging, String rel) {
        return TextFiles.isRegularFile(staging.resolve(rel));
    }

    private static List<ColonFile.Entry> read(Path base, String rel, int fields, boolean numericId) throws IOException {
        Path f = base.resolve(rel);
        if (!TextFiles.isRegularFile(f)) {
            return List.of();
        }
        return ColonFile.parse(TextFiles.read(f, ColonFile.MAX_BYTES), f.toString(), fields, numericId);
    }

    private static void write(Path base, String rel, List<ColonFile.Entry> entries, String fallbackPerms) throws IOException {
        TextFiles.writeAtomically(base.resolve(rel), ColonFile.format(entries), PosixFilePermissions.fromString(fallbackPerms));
    }
}
