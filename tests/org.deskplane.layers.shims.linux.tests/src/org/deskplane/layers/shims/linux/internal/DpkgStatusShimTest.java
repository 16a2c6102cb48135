package org.deskplane.layers.shims.linux.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import org.deskplane.layers.spi.ShimHook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On this machine's real dpkg status database. */
class DpkgStatusShimTest {

    private static final Path REAL_STATUS = Path.of("/var/lib/dpkg/status");
    private static final String VMTOOLS = """
            Package: deskplane-vmtools
            Status: install ok installed
            Priority: optional
            Section: misc
            Installed-Size: 12
            Maintainer: Deskplane <noreply@deskplane.invalid>
            Architecture: amd64
            Version: 1.0-1
            Description: guest tools only this device has
             A continuation line.""";

    @TempDir
    Path base;
    private Path root;
    private Path staging;
    private String real;
    private List<DpkgStatus.Stanza> realStanzas;

    @BeforeEach
    void trees() throws IOException {
        root = base.resolve("root");
        staging = base.resolve("staging");
        real = Files.readString(REAL_STATUS);
        realStanzas = DpkgStatus.parse(real).stanzas();
        assertTrue(realStanzas.size() > 20, "a real status database");
    }

    @Test
    void parsesEveryPackageOfTheRealDatabase() throws IOException {
        long packages = Pattern.compile("(?m)^Package:").matcher(real).results().count();
        assertEquals(packages, realStanzas.size());
    }

    @Test
    void keepsDevicePackagesIncomingWinsForPackagesInBoth() throws IOException {
        DpkgStatus.Stanza changed = realStanzas.get(0);
        String incoming = real.replace(changed.text(), changed.text().replaceFirst("(?m)^Version: .*$", "Version: 999-cvd"));
        write(staging, DpkgStatusShim.STATUS, incoming);
        write(root, DpkgStatusShim.STATUS, real + "\n" + VMTOOLS + "\n");
        write(root, "var/lib/dpkg/info/deskplane-vmtools.list", "/usr/bin/vmtools\n");
        write(root, "var/lib/dpkg/info/deskplane-vmtools.postinst", "#!/bin/sh\n");

        TestContext ctx = new TestContext(root, staging, false);
        new DpkgStatusShim().run(ShimHook.PRE_PIVOT, ctx);

        DpkgStatus merged = DpkgStatus.parse(Files.readString(staging.resolve(DpkgStatusShim.STATUS)));
        assertEquals(realStanzas.size() + 1, merged.stanzas().size());
        assertTrue(merged.has("deskplane-vmtools", "amd64"));
        DpkgStatus.Stanza winner = merged.stanzas().stream()
                .filter(s -> s.packageName().equals(changed.packageName()) && s.architecture().equals(changed.architecture()))
                .findFirst().orElseThrow();
        assertTrue(winner.text().contains("Version: 999-cvd"), "incoming wins");
        assertTrue(Files.exists(staging.resolve("var/lib/dpkg/info/deskplane-vmtools.list")));
        assertTrue(Files.exists(staging.resolve("var/lib/dpkg/info/deskplane-vmtools.postinst")));
        assertEquals(incoming, Files.readString(staging.resolve(DpkgStatusShim.PREVIOUS_CVD_STATUS)),
                "the unmerged CVD status rides along for next time");
    }

    @Test
    void packageTheCvdRemovedIsNotBroughtBack() throws IOException {
        DpkgStatus.Stanza removed = realStanzas.get(1);
        String incoming = real.replace(removed.text() + "\n", "");
        assertFalse(DpkgStatus.parse(incoming).has(removed.packageName(), removed.architecture()));
        write(staging, DpkgStatusShim.STATUS, incoming);
        write(root, DpkgStatusShim.STATUS, real);
        write(root, DpkgStatusShim.PREVIOUS_CVD_STATUS, real); // the CVD had it last time

        new DpkgStatusShim().run(ShimHook.PRE_PIVOT, new TestContext(root, staging, false));

        DpkgStatus merged = DpkgStatus.parse(Files.readString(staging.resolve(DpkgStatusShim.STATUS)));
        assertFalse(merged.has(removed.packageName(), removed.architecture()));
        assertEquals(realStanzas.size() - 1, merged.stanzas().size());
    }

    @Test
    void malformedStatusIsAnErrorAndChangesNothing() throws IOException {
        String broken = real + "\nthis line is no field\n";
        write(staging, DpkgStatusShim.STATUS, real);
        write(root, DpkgStatusShim.STATUS, broken);
        assertThrows(IOException.class, () -> new DpkgStatusShim().run(ShimHook.PRE_PIVOT, new TestContext(root, staging, false)));
        assertEquals(real, Files.readString(staging.resolve(DpkgStatusShim.STATUS)));
    }

    @Test
    void parsingIsBounded() {
        String huge = "Package: big\nStatus: install ok installed\nDescription: x\n" + " y\n".repeat(DpkgStatus.MAX_STANZA_CHARS / 3 + 1);
        assertThrows(IOException.class, () -> DpkgStatus.parse(huge));
        assertThrows(IOException.class, () -> DpkgStatus.parse("Status: install ok installed\n"), "no Package field");
        assertThrows(IOException.class, () -> DpkgStatus.parse("Package: a\n\nPackage: a\n"), "listed twice");
    }

    @Test
    void notInstalledLeftoversAreNotCarriedOver() throws IOException {
        String gone = "Package: leftover\nStatus: purge ok not-installed\nArchitecture: amd64\n";
        DpkgStatus merged = DpkgStatus.merge(DpkgStatus.parse(VMTOOLS), DpkgStatus.parse(gone), null);
        assertFalse(merged.has("leftover", "amd64"));
    }

    @Test
    void nothingStagedNothingDone() throws IOException {
        write(root, DpkgStatusShim.STATUS, real);
        TestContext ctx = new TestContext(root, staging, false);
        new DpkgStatusShim().run(ShimHook.PRE_PIVOT, ctx);
        assertFalse(Files.exists(staging.resolve(DpkgStatusShim.STATUS)));
        assertTrue(ctx.log.get(0).contains("nothing to merge"));
    }

    static void write(Path base, String rel, String content) throws IOException {
        Path p = base.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }
}
