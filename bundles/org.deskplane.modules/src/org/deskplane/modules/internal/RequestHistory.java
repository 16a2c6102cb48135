package org.deskplane.modules.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.deskplane.modules.api.ModuleRequest;
import org.deskplane.modules.internal.store.Json;

/**
 * Every request made to the module host, newest kept in memory (bounded), all appended to {@code requests.jsonl}
 * so that ids keep increasing and a guest can ask about a request after a restart of the server. The file is
 * bounded too: past {@code maxFileBytes} it is rewritten with the requests kept in memory (the audit log keeps the
 * full record), so a guest that asks in a loop cannot fill the disk.
 */
final class RequestHistory {

    private static final Logger LOG = Logger.getLogger(RequestHistory.class.getName());

    private final Path file;
    private final int keep;
    private final long maxFileBytes;
    private long fileBytes;
    private final Deque<ModuleRequest> recent = new ArrayDeque<>();
    private long lastId;

    RequestHistory(Path dir, int keep, long maxFileBytes) throws IOException {
        this.file = dir.resolve("requests.jsonl");
        this.keep = keep;
        this.maxFileBytes = maxFileBytes;
        if (Files.exists(file)) {
            try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                String line;
                while ((line = lines.readLine()) != null) {
                    remember(line);
                }
            }
            fileBytes = Files.size(file);
        }
    }

    synchronized long nextId() {
        return ++lastId;
    }

    synchronized void add(ModuleRequest request) {
        recent.addFirst(request);
        while (recent.size() > keep) {
            recent.removeLast();
        }
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            byte[] line = Json.MAPPER.writeValueAsBytes(request);
            out.write(line);
            out.write('\n');
            fileBytes += line.length + 1;
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot append module request " + request.id() + " to " + file, e);
        }
        if (fileBytes > maxFileBytes) {
            compact();
        }
    }

    /** Rewrites the file with the requests kept in memory, oldest first, by an atomic rename. */
    private void compact() {
        java.io.ByteArrayOutputStream kept = new java.io.ByteArrayOutputStream();
        try {
            java.util.Iterator<ModuleRequest> oldestFirst = recent.descendingIterator();
            while (oldestFirst.hasNext()) {
                kept.write(Json.MAPPER.writeValueAsBytes(oldestFirst.next()));
                kept.write('\n');
            }
            org.deskplane.modules.internal.store.AtomicFiles.write(file, kept.toByteArray());
            fileBytes = kept.size();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot compact the module request history " + file, e);
        }
    }

    long fileBytes() {
        return fileBytes;
    }

    synchronized Optional<ModuleRequest> find(long id) {
        return recent.stream().filter(r -> r.id() == id).findFirst();
    }

    synchronized List<ModuleRequest> newest(String vmId, int limit) {
        List<ModuleRequest> list = new ArrayList<>();
        for (ModuleRequest request : recent) {
            if (list.size() >= limit) {
                break;
            }
            if (vmId == null || vmId.equals(request.requester().vmId())) {
                list.add(request);
            }
        }
        return list;
    }

    private void remember(String line) {
        if (line.isBlank()) {
            return;
        }
        try {
            ModuleRequest request = Json.MAPPER.readValue(line, ModuleRequest.class);
            lastId = Math.max(lastId, request.id());
            recent.addFirst(request);
            if (recent.size() > keep) {
                recent.removeLast();
            }
        } catch (IOException e) {
            LOG.warning("module request history: skipping an unreadable line (a write interrupted by a crash?)");
        }
    }
}
