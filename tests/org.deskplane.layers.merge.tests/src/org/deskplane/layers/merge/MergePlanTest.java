package org.deskplane.layers.merge;

import static org.deskplane.layers.merge.MergeTableTest.dir;
import static org.deskplane.layers.merge.MergeTableTest.file;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.deskplane.layers.api.FileEntry;
import org.deskplane.layers.api.Layer;
import org.deskplane.layers.api.LayerManifest;
import org.junit.jupiter.api.Test;

class MergePlanTest {

    @Test
    void directoryDeletedElsewhereIsKeptWhileItHoldsALocalChange() {
        LayerManifest last = manifest(dir("d"), file("d/a", 1), file("d/b", 1));
        LayerManifest local = manifest(dir("d"), file("d/a", 1), file("d/b", 2));
        LayerManifest server = manifest();
        Map<String, MergeAction> plan = actions(ThreeWayMerge.plan(local, last, server));
        assertEquals(MergeAction.DELETE_LOCAL, plan.get("d/a"));
        assertEquals(MergeAction.KEEP_LOCAL_NOTIFY, plan.get("d/b"));
        assertEquals(MergeAction.KEEP_LOCAL_NOTIFY, plan.get("d"));
    }

    @Test
    void directoryDeletedElsewhereGoesWhenEverythingBelowGoes() {
        LayerManifest both = manifest(dir("d"), dir("d/e"), file("d/e/a", 1));
        List<PlannedMerge> plan = ThreeWayMerge.plan(both, both, manifest());
        assertEquals(List.of("d/e/a", "d/e", "d"), plan.stream().map(PlannedMerge::path).toList(), "deepest first");
        plan.forEach(p -> assertEquals(MergeAction.DELETE_LOCAL, p.action()));
    }

    @Test
    void directoryReplacedByAFileElsewhereBecomesAConflictWhenItHoldsLocalChanges() {
        LayerManifest last = manifest(dir("d"), file("d/a", 1));
        LayerManifest local = manifest(dir("d"), file("d/a", 2));
        LayerManifest server = manifest(file("d", 3));
        Map<String, MergeAction> plan = actions(ThreeWayMerge.plan(local, last, server));
        assertEquals(MergeAction.CONFLICT_COPY, plan.get("d"));
        assertEquals(MergeAction.KEEP_LOCAL_NOTIFY, plan.get("d/a"));
    }

    @Test
    void directoryReplacedByAFileElsewhereIsReplacedWhenUnchanged() {
        LayerManifest both = manifest(dir("d"), file("d/a", 1));
        Map<String, MergeAction> plan = actions(ThreeWayMerge.plan(both, both, manifest(file("d", 3))));
        assertEquals(MergeAction.TAKE_SERVER, plan.get("d"));
        assertEquals(MergeAction.DELETE_LOCAL, plan.get("d/a"));
    }

    @Test
    void creationsComeParentFirstAndNothingIsLeftOut() {
        LayerManifest server = manifest(dir("n"), file("n/x", 1), file("n y", 1), file("m", 1));
        List<PlannedMerge> plan = ThreeWayMerge.plan(manifest(file("m", 1)), manifest(file("m", 1)), server);
        assertEquals(List.of("n", "n/x", "n y"), plan.stream().map(PlannedMerge::path).toList());
    }

    private static LayerManifest manifest(FileEntry... entries) {
        return new LayerManifest(Layer.USER_FILES, List.of(entries));
    }

    private static Map<String, MergeAction> actions(List<PlannedMerge> plan) {
        return plan.stream().collect(Collectors.toMap(PlannedMerge::path, PlannedMerge::action));
    }
}
