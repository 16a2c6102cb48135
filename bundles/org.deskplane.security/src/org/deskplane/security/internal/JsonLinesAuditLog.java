package org.deskplane.security.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.deskplane.security.api.AuditEvent;
import org.deskplane.security.api.AuditLog;
import org.deskplane.security.api.AuditQuery;

/**
 * The audit log as an append-only JSON Lines file with a hash chain (see {@link AuditRecordCodec}). Each record
 * is on disk ({@link FileChannel#force}) before {@link #record} returns. Readers only look at bytes that were
 * completely written and forced, so they never see a half-written record.
 */
final class JsonLinesAuditLog implements AuditLog, Closeable {

    static final int MAX_QUERY_LIMIT = 10_000;
    static final int DEFAULT_QUERY_LIMIT = 100;

    private static final System.Logger LOG = System.getLogger(JsonLinesAuditLog.class.getName());

    private final Path file;
    private final Clock clock;
    private final AuditRecordCodec codec = new AuditRecordCodec();
    private final FileChannel appender;
    private String lastHash;
    /** A partial line is at the end of the file: the next record must start on a fresh line. */
    private boolean tornTail;
    /** End of the last complete, forced record; readers stop there. */
    private volatile long committedSize;

    JsonLinesAuditLog(Path file, Clock clock) throws IOException {
        this.file = file;
        this.clock = clock;
        Files.createDirectories(file.toAbsolutePath().getParent());
        appender = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        try {
            committedSize = appender.size();
            tornTail = committedSize > 0 && lastByte() != '\n';
            ChainCheck check = verify();
            lastHash = check.lastHash();
            report(check);
        } catch (IOException | RuntimeException e) {
            appender.close();
            throw e;
        }
    }

    Path file() {
        return file;
    }

    @Override
    public synchronized void record(AuditEvent event) {
        String line = codec.encode(event, clock.instant(), lastHash);
        byte[] bytes = ((tornTail ? "\n" : "") + line + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                appender.write(buffer);
            }
            appender.force(true);
        } catch (IOException e) {
            tornTail = true; // part of the line may be on disk; readers skip it, the next record starts afresh
            throw new UncheckedIOException("could not write the audit log " + file + ": " + e.getMessage(), e);
        }
        tornTail = false;
        lastHash = line.substring(line.length() - 66, line.length() - 2);
        committedSize += bytes.length;
    }

    /** Newest first; stops at the first event older than {@code since} (the file is in time order). */
    @Override
    public List<AuditEvent> query(AuditQuery query) {
        int limit = query.limit() <= 0 ? DEFAULT_QUERY_LIMIT : Math.min(query.limit(), MAX_QUERY_LIMIT);
        List<AuditEvent> found = new ArrayList<>();
        try (FileChannel reader = FileChannel.open(file, StandardOpenOption.READ)) {
            LineReaders.backward(reader, committedSize, text -> {
                Optional<AuditRecordCodec.Line> line = codec.decode(text);
                if (line.isEmpty()) {
                    return true; // torn or garbage line: skip it
                }
                AuditEvent event = line.get().event();
                if (query.since() != null && event.time().isBefore(query.since())) {
                    return false;
                }
                if (matches(query, event)) {
                    found.add(event);
                }
                return found.size() < limit;
            });
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the audit log " + file + ": " + e.getMessage(), e);
        }
        return found;
    }

    private static boolean matches(AuditQuery query, AuditEvent event) {
        return (query.actor() == null || query.actor().equals(event.actor()))
                && (query.actionPrefix() == null || event.action().startsWith(query.actionPrefix()));
    }

    /** Checks the whole hash chain, streaming (memory does not grow with the file). */
    ChainCheck verify() throws IOException {
        List<Long> unreadable = new ArrayList<>();
        long[] records = {0};
        long[] firstBroken = {-1};
        String[] expectedPrev = {AuditRecordCodec.GENESIS};
        try (FileChannel reader = FileChannel.open(file, StandardOpenOption.READ)) {
            LineReaders.forward(reader, committedSize, (number, text) -> {
                Optional<AuditRecordCodec.Line> line = text == null ? Optional.empty() : codec.decode(text);
                if (line.isEmpty()) {
                    if (unreadable.size() < 100) {
                        unreadable.add(number);
                    }
                    return true;
                }
                AuditRecordCodec.Line record = line.get();
                if (firstBroken[0] < 0 && (!record.hashMatches() || !record.prev().equals(expectedPrev[0]))) {
                    firstBroken[0] = number;
                }
                expectedPrev[0] = record.hash(); // go on from here: report only the first break
                records[0]++;
                return true;
            });
        }
        return new ChainCheck(records[0], List.copyOf(unreadable), firstBroken[0], expectedPrev[0]);
    }

    private void report(ChainCheck check) {
        if (!check.unreadableLines().isEmpty()) {
            LOG.log(Level.WARNING, "audit log " + file + ": skipping unreadable line(s) " + check.unreadableLines()
                    + " (a write torn by a crash, or damage)");
        }
        if (!check.intact()) {
            LOG.log(Level.ERROR, "audit log " + file + ": hash chain broken at line " + check.firstBrokenLine()
                    + " - the file was changed outside Deskplane; new records are still appended");
        }
    }

    private byte lastByte() throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        try (FileChannel reader = FileChannel.open(file, StandardOpenOption.READ)) {
            reader.read(one, committedSize - 1);
        }
        return one.get(0);
    }

    @Override
    public synchronized void close() throws IOException {
        appender.close();
    }
}
