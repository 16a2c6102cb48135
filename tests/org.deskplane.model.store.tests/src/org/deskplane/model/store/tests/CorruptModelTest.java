package org.deskplane.model.store.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.deskplane.model.Inventory;
import org.deskplane.model.store.CorruptModelException;
import org.deskplane.model.store.internal.FileModelStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file that cannot be parsed is reported, kept byte for byte, and never overwritten. */
class CorruptModelTest {

    @TempDir
    Path directory;

    @Test
    void garbageIsReportedKeptAndNotOverwritten() throws Exception {
        FileModelStore store = new FileModelStore(directory);
        Path file = store.fileOf("inventory");
        byte[] garbage = "<?xml version=\"1.0\"?><not-a-model".getBytes(StandardCharsets.UTF_8);
        Files.write(file, garbage);

        CorruptModelException onLoad = assertThrows(CorruptModelException.class, () -> store.load("inventory"));
        assertEquals(file, onLoad.keptFile());
        assertTrue(onLoad.getMessage().contains(file.toString()), onLoad.getMessage());

        CorruptModelException onSave = assertThrows(CorruptModelException.class,
                () -> store.save("inventory", SampleInventories.full(1)));
        assertEquals(file, onSave.keptFile());
        assertArrayEquals(garbage, Files.readAllBytes(file), "the corrupt file must stay as it was");

        // a store that never loaded it (e.g. after a restart) refuses too
        FileModelStore restarted = new FileModelStore(directory);
        assertThrows(CorruptModelException.class, () -> restarted.save("inventory", SampleInventories.full(2)));
        assertArrayEquals(garbage, Files.readAllBytes(file));
    }

    @Test
    void truncatedModelIsCorrupt() throws Exception {
        FileModelStore store = new FileModelStore(directory);
        store.save("inventory", SampleInventories.full(4));
        Path file = store.fileOf("inventory");
        byte[] whole = Files.readAllBytes(file);
        byte[] half = Arrays.copyOf(whole, whole.length / 2);
        Files.write(file, half);

        CorruptModelException problem = assertThrows(CorruptModelException.class, () -> store.load("inventory"));
        assertEquals(file, problem.keptFile());
        assertArrayEquals(half, Files.readAllBytes(file));
    }

    @Test
    void quarantineMovesTheFileAsideAndTheNameStartsAfresh() throws Exception {
        FileModelStore store = new FileModelStore(directory);
        Path file = store.fileOf("inventory");
        byte[] garbage = "{not xml at all".getBytes(StandardCharsets.UTF_8);
        Files.write(file, garbage);
        assertThrows(CorruptModelException.class, () -> store.load("inventory"));

        Path aside = store.quarantine("inventory");

        assertNotNull(aside);
        assertTrue(aside.getFileName().toString().startsWith("inventory.xmi.corrupt-"), aside.toString());
        assertArrayEquals(garbage, Files.readAllBytes(aside), "the quarantined file keeps its bytes");
        assertFalse(Files.exists(file));
        assertTrue(store.load("inventory", Inventory.class).getVirtualMachines().isEmpty());
        store.save("inventory", SampleInventories.full(5));
        assertEquals(5, store.load("inventory", Inventory.class).getRevision());
        assertArrayEquals(garbage, Files.readAllBytes(aside));
    }

    @Test
    void leftoverTemporaryFilesOfAKilledWriterAreCleanedAtStart() throws Exception {
        Path leftover = directory.resolve(".inventory.xmi.12345.tmp");
        Files.writeString(leftover, "<half");
        new FileModelStore(directory);
        assertFalse(Files.exists(leftover));
    }
}
