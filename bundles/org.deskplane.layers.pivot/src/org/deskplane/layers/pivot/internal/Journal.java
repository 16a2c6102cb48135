package org.deskplane.layers.pivot.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

import org.deskplane.layers.pivot.PivotException;

/**
 * The pivot's write-ahead journal in {@code <state>/journal}: the plan (written atomically and durably before the
 * tree is touched), one backup per replaced or deleted path ({@code backup/<step>}), and the commit marker written
 * once every move is done.
 */
public final class Journal {

    private static final long MAGIC = 0x4450_5049_564f_5431L; // "DPPIVOT1"
    private static final int MAX_STEPS = 10_000_000;

    private final Path dir;

    public Journal(Path stateDir) {
        this.dir = stateDir.resolve("journal");
    }

    public Path directory() {
        return dir;
    }

    public boolean hasPlan() {
        return Files.exists(plan());
    }

    public boolean committed() {
        return Files.exists(dir.resolve("committed"));
    }

    public Path backup(int step) {
        return dir.resolve("backup").resolve(Integer.toString(step));
    }

    public Path backupDirectory() {
        return dir.resolve("backup");
    }

    /** Starts a journal; only called when no plan exists, so anything left in the directory is stale. */
    public void writePlan(String version, List<Op> ops) throws IOException {
        // A stale commit marker must never make a new, uncommitted pivot look committed.
        DurableFiles.deleteTree(dir);
        DurableFiles.privateDirectory(dir);
        Files.createDirectories(backupDirectory());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeLong(MAGIC);
        out.writeUTF(version);
        out.writeInt(ops.size());
        for (Op op : ops) {
            out.writeByte(op.kind().ordinal());
            out.writeUTF(op.path());
            out.writeBoolean(op.existed());
        }
        CRC32 crc = new CRC32();
        crc.update(bytes.toByteArray());
        out.writeLong(crc.getValue());
        out.flush();
        DurableFiles.syncDirectory(dir);
        DurableFiles.writeAtomically(plan(), bytes.toByteArray());
    }

    public Plan readPlan() throws IOException {
        byte[] all = Files.readAllBytes(plan());
        if (all.length < 8 + 2 + 4 + 8) {
            throw new PivotException("pivot journal plan is truncated: " + plan());
        }
        CRC32 crc = new CRC32();
        crc.update(all, 0, all.length - 8);
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(all));
        if (in.readLong() != MAGIC) {
            throw new PivotException("not a pivot journal plan: " + plan());
        }
        String version = in.readUTF();
        int count = in.readInt();
        if (count < 0 || count > MAX_STEPS) {
            throw new PivotException("pivot journal plan has an impossible step count " + count);
        }
        List<Op> ops = new ArrayList<>(Math.min(count, 1 << 16));
        Op.Kind[] kinds = Op.Kind.values();
        for (int i = 0; i < count; i++) {
            int kind = in.readUnsignedByte();
            if (kind >= kinds.length) {
                throw new PivotException("pivot journal plan has an unknown step kind " + kind);
            }
            ops.add(new Op(kinds[kind], in.readUTF(), in.readBoolean()));
        }
        if (in.readLong() != crc.getValue()) {
            throw new PivotException("pivot journal plan fails its checksum: " + plan());
        }
        return new Plan(version, ops);
    }

    public void markCommitted() throws IOException {
        DurableFiles.writeAtomically(dir.resolve("committed"), new byte[0]);
    }

    /** Removes the journal; the plan goes last, so a crash in between leaves a journal recovery can finish. */
    public void remove() throws IOException {
        DurableFiles.deleteTree(backupDirectory());
        Files.deleteIfExists(dir.resolve("committed.tmp"));
        Files.deleteIfExists(dir.resolve("plan.tmp"));
        Files.deleteIfExists(plan());
        DurableFiles.syncDirectory(dir);
        Files.deleteIfExists(dir.resolve("committed"));
        DurableFiles.deleteTree(dir);
    }

    private Path plan() {
        return dir.resolve("plan");
    }

    public record Plan(String version, List<Op> ops) {
    }
}
