package org.deskplane.layers.api.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.deskplane.layers.api.Binding;
import org.deskplane.layers.api.Cvd;
import org.deskplane.layers.api.CvdVersion;
import org.deskplane.layers.api.EntryType;
import org.deskplane.layers.api.FileEntry;
import org.deskplane.layers.api.Layer;
import org.deskplane.layers.api.LayerManifest;
import org.deskplane.layers.api.MasterState;
import org.deskplane.layers.api.MasterState.Duty;
import org.deskplane.layers.api.MasterState.Phase;
import org.deskplane.layers.api.PublishRequest;
import org.deskplane.layers.api.Scope;
import org.deskplane.layers.api.SyncMode;
import org.junit.jupiter.api.Test;

class LayersApiTest {

    private static FileEntry file(String path, String hash) {
        return new FileEntry(path, EntryType.FILE, 0644, "alice:alice", 1, 3, hash, List.of(hash), "");
    }

    @Test
    void pathsMustStayInsideTheLayer() {
        for (String bad : List.of("", "/etc/passwd", "a/../b", "..", "a//b", "a/", "./a", "a\\b", "a\0b")) {
            assertFalse(FileEntry.validPath(bad), bad);
            assertThrows(IllegalArgumentException.class, () -> file(bad, "h"), bad);
        }
        assertTrue(FileEntry.validPath("home/alice/report (1).txt"));
        assertThrows(IllegalArgumentException.class,
                () -> new FileEntry("a", EntryType.FILE, 0644, "", 0, -1, "", List.of(), ""), "negative size");
    }

    @Test
    void manifestsAreSortedAndListEachPathOnce() {
        LayerManifest m = new LayerManifest(Layer.USER_FILES, List.of(file("b", "2"), file("a", "1")));
        assertEquals(List.of("a", "b"), m.entries().stream().map(FileEntry::path).toList());
        assertEquals("2", m.find("b").orElseThrow().contentHash());
        assertTrue(m.find("c").isEmpty());
        assertEquals(6, m.totalBytes());
        assertThrows(IllegalArgumentException.class,
                () -> new LayerManifest(Layer.USER_FILES, List.of(file("a", "1"), file("a", "2"))));
    }

    @Test
    void sameContentComparesKindHashAndLinkTargetOnly() {
        FileEntry a = file("x", "h");
        FileEntry b = new FileEntry("x", EntryType.FILE, 0600, "bob:bob", 99, 3, "h", List.of("h"), "");
        assertTrue(a.sameContent(b), "mode, owner and time do not make another version");
        assertFalse(a.sameContent(file("x", "other")));
        assertFalse(a.sameContent(null));
    }

    @Test
    void aPublishNeverCarriesTheMachineIdentityAndSaysWhetherItHasSystemLayers() {
        assertThrows(IllegalArgumentException.class, () -> new PublishRequest("e", 0, 0, CvdVersion.Kind.UPLOAD,
                Map.of(Layer.MACHINE_IDENTITY, LayerManifest.empty(Layer.MACHINE_IDENTITY)), ""));
        assertThrows(IllegalArgumentException.class, () -> new PublishRequest("e", 0, 0, CvdVersion.Kind.UPLOAD,
                Map.of(Layer.USER_FILES, LayerManifest.empty(Layer.PROFILE)), ""), "a manifest filed under another layer");
        assertFalse(new PublishRequest("e", 0, 0, CvdVersion.Kind.UPLOAD,
                Map.of(Layer.USER_FILES, LayerManifest.empty(Layer.USER_FILES), Layer.PROFILE, LayerManifest.empty(Layer.PROFILE)), "")
                .includesSystemLayer());
        assertTrue(new PublishRequest("e", 0, 7, CvdVersion.Kind.UPLOAD,
                Map.of(Layer.APPLICATIONS, LayerManifest.empty(Layer.APPLICATIONS)), "").includesSystemLayer());
    }

    @Test
    void eachLayerHasItsRuleAndEachScopeItsLayers() {
        assertEquals(SyncMode.LIVE_MERGE, Layer.USER_FILES.syncMode());
        assertEquals(SyncMode.LAZY_AT_LOGON, Layer.PROFILE.syncMode());
        assertEquals(SyncMode.STAGED_PIVOT, Layer.APPLICATIONS.syncMode());
        assertEquals(SyncMode.NEVER, Layer.MACHINE_IDENTITY.syncMode());
        assertFalse(Scope.FULL.includes(Layer.MACHINE_IDENTITY), "identity is never cloned");
        assertEquals(Set.of(Layer.APPLICATIONS, Layer.PROFILE, Layer.USER_FILES), Scope.REBASE.layers());
        assertEquals(Set.of(Layer.USER_FILES), Scope.USER_ONLY.layers());
        Binding noDrivers = new Binding("e", "c", Scope.FULL, "", List.of(), false, "r");
        assertFalse(noDrivers.layers().contains(Layer.DRIVERS), "no matching driver set: no driver layer");
        assertTrue(new Binding("e", "c", Scope.FULL, "drivers/x", List.of(), false, "r").layers().contains(Layer.DRIVERS));
    }

    @Test
    void theMasterStateTellsEachEndpointWhatToDo() {
        Instant t = Instant.EPOCH;
        assertEquals(Duty.UPLOAD, new MasterState("c", "a", 3, t, Phase.STEADY, "").dutyOf("a"));
        assertEquals(Duty.PULL, new MasterState("c", "a", 3, t, Phase.STEADY, "").dutyOf("b"));
        assertEquals(Duty.UPLOAD_SNAPSHOT, new MasterState("c", "a", 3, t, Phase.CANDIDATE_SNAPSHOTS, "b").dutyOf("b"));
        assertEquals(Duty.PULL, new MasterState("c", "a", 3, t, Phase.CANDIDATE_SNAPSHOTS, "b").dutyOf("a"),
                "the old master waits while the candidate snapshots");
        assertEquals(Duty.PUSH_AND_HAND_OVER, new MasterState("c", "a", 3, t, Phase.OLD_MASTER_PUSHES, "b").dutyOf("a"));
        assertEquals(Duty.PULL_THEN_UPLOAD, new MasterState("c", "b", 4, t, Phase.NEW_MASTER_PULLS, "").dutyOf("b"));
    }

    @Test
    void cvdIdsAreShortAndPlain() {
        assertTrue(Cvd.validId("alice-desktop_2.0"));
        for (String bad : List.of("", "-x", "a/b", "a b", "x".repeat(65))) {
            assertFalse(Cvd.validId(bad), bad);
        }
    }
}
