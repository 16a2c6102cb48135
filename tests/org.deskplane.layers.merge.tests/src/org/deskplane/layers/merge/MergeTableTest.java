package org.deskplane.layers.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.deskplane.layers.api.EntryType;
import org.deskplane.layers.api.FileEntry;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every combination of (absent, version 1, 2, 3) for (local, last uploaded, server), each with its expected case and
 * action written down. 0 = absent. Rows in the seed's Table 1 are checked against the seed's wording separately.
 * A parameterized test built with {@link TestFactory} (junit-jupiter-params is not in the target platform).
 */
class MergeTableTest {

    static final List<String> TABLE = List.of(
            // local last server | case | action
            "0 0 0 | ABSENT_EVERYWHERE                  | NOTHING",
            "0 0 1 | ADDED_ELSEWHERE                    | TAKE_SERVER",
            "0 0 2 | ADDED_ELSEWHERE                    | TAKE_SERVER",
            "0 0 3 | ADDED_ELSEWHERE                    | TAKE_SERVER",
            "0 1 0 | DELETED_EVERYWHERE                 | NOTHING",
            "0 1 1 | DELETED_LOCALLY                    | UPLOAD_DELETION",
            "0 1 2 | DELETED_LOCALLY_MODIFIED_ELSEWHERE | TAKE_SERVER",
            "0 1 3 | DELETED_LOCALLY_MODIFIED_ELSEWHERE | TAKE_SERVER",
            "0 2 0 | DELETED_EVERYWHERE                 | NOTHING",
            "0 2 1 | DELETED_LOCALLY_MODIFIED_ELSEWHERE | TAKE_SERVER",
            "0 2 2 | DELETED_LOCALLY                    | UPLOAD_DELETION",
            "0 2 3 | DELETED_LOCALLY_MODIFIED_ELSEWHERE | TAKE_SERVER",
            "0 3 0 | DELETED_EVERYWHERE                 | NOTHING",
            "0 3 1 | DELETED_LOCALLY_MODIFIED_ELSEWHERE | TAKE_SERVER",
            "0 3 2 | DELETED_LOCALLY_MODIFIED_ELSEWHERE | TAKE_SERVER",
            "0 3 3 | DELETED_LOCALLY                    | UPLOAD_DELETION",
            "1 0 0 | ADDED_LOCALLY                      | UPLOAD_LOCAL",
            "1 0 1 | RECREATED_SAME                     | NOTHING",
            "1 0 2 | RECREATED_DIFFERENT                | CONFLICT_COPY",
            "1 0 3 | RECREATED_DIFFERENT                | CONFLICT_COPY",
            "1 1 0 | DELETED_ELSEWHERE                  | DELETE_LOCAL",
            "1 1 1 | UNCHANGED                          | NOTHING",
            "1 1 2 | MODIFIED_ELSEWHERE                 | TAKE_SERVER",
            "1 1 3 | MODIFIED_ELSEWHERE                 | TAKE_SERVER",
            "1 2 0 | MODIFIED_LOCALLY_DELETED_ELSEWHERE | KEEP_LOCAL_NOTIFY",
            "1 2 1 | MODIFIED_SAME_WAY                  | NOTHING",
            "1 2 2 | MODIFIED_LOCALLY                   | UPLOAD_LOCAL",
            "1 2 3 | MODIFIED_BOTH_WAYS                 | CONFLICT_COPY",
            "1 3 0 | MODIFIED_LOCALLY_DELETED_ELSEWHERE | KEEP_LOCAL_NOTIFY",
            "1 3 1 | MODIFIED_SAME_WAY                  | NOTHING",
            "1 3 2 | MODIFIED_BOTH_WAYS                 | CONFLICT_COPY",
            "1 3 3 | MODIFIED_LOCALLY                   | UPLOAD_LOCAL",
            "2 0 0 | ADDED_LOCALLY                      | UPLOAD_LOCAL",
            "2 0 1 | RECREATED_DIFFERENT                | CONFLICT_COPY",
            "2 0 2 | RECREATED_SAME                     | NOTHING",
            "2 0 3 | RECREATED_DIFFERENT                | CONFLICT_COPY",
            "2 1 0 | MODIFIED_LOCALLY_DELETED_ELSEWHERE | KEEP_LOCAL_NOTIFY",
            "2 1 1 | MODIFIED_LOCALLY                   | UPLOAD_LOCAL",
            "2 1 2 | MODIFIED_SAME_WAY                  | NOTHING",
            "2 1 3 | MODIFIED_BOTH_WAYS                 | CONFLICT_COPY",
            "2 2 0 | DELETED_ELSEWHERE                  | DELETE_LOCAL",
            "2 2 1 | MODIFIED_ELSEWHERE                 | TAKE_SERVER",
            "2 2 2 | UNCHANGED                          | NOTHING",
            "2 2 3 | MODIFIED_ELSEWHERE                 | TAKE_SERVER",
            "2 3 0 | MODIFIED_LOCALLY_DELETED_ELSEWHERE | KEEP_LOCAL_NOTIFY",
            "2 3 1 | MODIFIED_BOTH_WAYS                 | CONFLICT_COPY",
            "2 3 2 | MODIFIED_SAME_WAY                  | NOTHING",
            "2 3 3 | MODIFIED_LOCALLY                   | UPLOAD_LOCAL",
            "3 0 0 | ADDED_LOCALLY                      | UPLOAD_LOCAL",
            "3 0 1 | RECREATED_DIFFERENT                | CONFLICT_COPY",
            "3 0 2 | RECREATED_DIFFERENT                | CONFLICT_COPY",
            "3 0 3 | RECREATED_SAME                     | NOTHING",
            "3 1 0 | MODIFIED_LOCALLY_DELETED_ELSEWHERE | KEEP_LOCAL_NOTIFY",
            "3 1 1 | MODIFIED_LOCALLY                   | UPLOAD_LOCAL",
            "3 1 2 | MODIFIED_BOTH_WAYS                 | CONFLICT_COPY",
            "3 1 3 | MODIFIED_SAME_WAY                  | NOTHING",
            "3 2 0 | MODIFIED_LOCALLY_DELETED_ELSEWHERE | KEEP_LOCAL_NOTIFY",
            "3 2 1 | MODIFIED_BOTH_WAYS                 | CONFLICT_COPY",
            "3 2 2 | MODIFIED_LOCALLY                   | UPLOAD_LOCAL",
            "3 2 3 | MODIFIED_SAME_WAY                  | NOTHING",
            "3 3 0 | DELETED_ELSEWHERE                  | DELETE_LOCAL",
            "3 3 1 | MODIFIED_ELSEWHERE                 | TAKE_SERVER",
            "3 3 2 | MODIFIED_ELSEWHERE                 | TAKE_SERVER",
            "3 3 3 | UNCHANGED                          | NOTHING"
    );

    /** The seed's Table 1, row by row, with the action the seed asks for in its words. */
    static final Map<String, MergeAction> SEED_TABLE_1 = Map.of(
            "0 0 1", MergeAction.TAKE_SERVER, // move downloaded file into place
            "0 1 0", MergeAction.NOTHING, // no action
            "0 1 2", MergeAction.TAKE_SERVER, // move downloaded file into place
            "1 0 1", MergeAction.NOTHING, // no action (don't download file)
            "1 0 2", MergeAction.CONFLICT_COPY, // move into place with unique name ("Conflicted...")
            "1 1 0", MergeAction.DELETE_LOCAL, // delete local file
            "1 1 2", MergeAction.TAKE_SERVER, // move into place (overwrite local file)
            "1 2 0", MergeAction.KEEP_LOCAL_NOTIFY, // no action (possibly notify)
            "1 2 1", MergeAction.NOTHING, // no action
            "1 2 3", MergeAction.CONFLICT_COPY); // move into place with unique name

    @TestFactory
    Stream<DynamicTest> everyCombinationOfFiles() {
        return rows(v -> file("doc.txt", v));
    }

    @TestFactory
    Stream<DynamicTest> everyCombinationOfSymbolicLinks() {
        // A link's "content" is its target: the same table holds.
        return rows(v -> link("doc.lnk", v));
    }

    @Test
    void tableHasAllSixtyFourCombinationsOnce() {
        Set<String> keys = TABLE.stream().map(r -> r.split("\\|")[0].trim()).collect(Collectors.toSet());
        assertEquals(64, TABLE.size());
        assertEquals(64, keys.size());
    }

    @Test
    void everyCaseOccursInTheTable() {
        Set<MergeCase> seen = EnumSet.noneOf(MergeCase.class);
        TABLE.forEach(r -> seen.add(MergeCase.valueOf(r.split("\\|")[1].trim())));
        assertEquals(EnumSet.allOf(MergeCase.class), seen);
    }

    @TestFactory
    Stream<DynamicTest> seedTableRowsGetTheSeedsAction() {
        return SEED_TABLE_1.entrySet().stream().map(row -> DynamicTest.dynamicTest("seed row " + row.getKey(), () -> {
            FileEntry[] e = entries(row.getKey(), v -> file("f", v));
            MergeDecision d = ThreeWayMerge.decide(e[0], e[1], e[2]);
            assertEquals(row.getValue(), d.action());
            assertEquals(row.getKey(), d.mergeCase().tableRow(), "case names its seed row");
        }));
    }

    @Test
    void casesOutsideTheSeedTableSayNoRow() {
        long inTable = Arrays.stream(MergeCase.values()).filter(MergeCase::inSeedTable).count();
        assertEquals(SEED_TABLE_1.size(), inTable);
    }

    @Test
    void everyDecisionHasAReason() {
        for (String row : TABLE) {
            FileEntry[] e = entries(row.split("\\|")[0].trim(), v -> file("f", v));
            assertTrue(!ThreeWayMerge.decide(e[0], e[1], e[2]).reason().isBlank(), row);
        }
    }

    @Test
    void fileAgainstDirectoryIsAConflictThatMovesTheLocalFileAside() {
        FileEntry localFile = file("x", 1);
        FileEntry serverDir = dir("x");
        MergeDecision created = ThreeWayMerge.decide(localFile, null, serverDir);
        assertEquals(MergeCase.RECREATED_DIFFERENT, created.mergeCase());
        assertEquals(MergeAction.MOVE_LOCAL_ASIDE, created.action());
        MergeDecision modified = ThreeWayMerge.decide(localFile, file("x", 2), serverDir);
        assertEquals(MergeAction.MOVE_LOCAL_ASIDE, modified.action());
    }

    @Test
    void directoryAgainstServerFileIsAConflictCopyOfTheFile() {
        MergeDecision d = ThreeWayMerge.decide(dir("x"), null, file("x", 1));
        assertEquals(MergeAction.CONFLICT_COPY, d.action());
    }

    @Test
    void twoDirectoriesAreAlwaysTheSame() {
        assertEquals(MergeAction.NOTHING, ThreeWayMerge.decide(dir("d"), null, dir("d")).action());
        assertEquals(MergeAction.NOTHING, ThreeWayMerge.decide(dir("d"), dir("d"), dir("d")).action());
        assertEquals(MergeAction.UPLOAD_DELETION, ThreeWayMerge.decide(null, dir("d"), dir("d")).action());
    }

    @Test
    void fileTurnedIntoLinkWithSameHashIsAChange() {
        FileEntry f = file("x", 1);
        FileEntry l = new FileEntry("x", EntryType.SYMLINK, 0777, "", 0, 0, "h1", List.of(), "target-1");
        assertEquals(MergeAction.TAKE_SERVER, ThreeWayMerge.decide(f, f, l).action());
    }

    private static Stream<DynamicTest> rows(IntFunction<FileEntry> version) {
        return TABLE.stream().map(row -> {
            String[] cols = row.split("\\|");
            String key = cols[0].trim();
            MergeCase expectedCase = MergeCase.valueOf(cols[1].trim());
            MergeAction expectedAction = MergeAction.valueOf(cols[2].trim());
            return DynamicTest.dynamicTest(key + " -> " + expectedAction, () -> {
                FileEntry[] e = entries(key, version);
                MergeDecision d = ThreeWayMerge.decide(e[0], e[1], e[2]);
                assertEquals(expectedCase, d.mergeCase(), row);
                assertEquals(expectedAction, d.action(), row);
            });
        });
    }

    private static FileEntry[] entries(String key, IntFunction<FileEntry> version) {
        String[] v = key.split(" ");
        FileEntry[] e = new FileEntry[3];
        for (int i = 0; i < 3; i++) {
            int n = Integer.parseInt(v[i]);
            e[i] = n == 0 ? null : version.apply(n);
        }
        return e;
    }

    static FileEntry file(String path, int version) {
        return new FileEntry(path, EntryType.FILE, 0644, "", version * 1000L, version, "h" + version,
                List.of("h" + version), "");
    }

    static FileEntry link(String path, int version) {
        return new FileEntry(path, EntryType.SYMLINK, 0777, "", version * 1000L, 0, "t" + version, List.of(),
                "target-" + version);
    }

    static FileEntry dir(String path) {
        return new FileEntry(path, EntryType.DIRECTORY, 0755, "", 0, 0, "", List.of(), "");
    }
}
