package org.deskplane.vmdiff.server.internal;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

import org.deskplane.vmdiff.api.DifferenceException;
import org.deskplane.vmdiff.api.DifferenceException.Kind;
import org.deskplane.vmdiff.api.RunLease;
import org.deskplane.vmdiff.api.RunLeases;

/**
 * Run leases in one small file, rewritten atomically on every change under one lock: two hosts that ask at once get
 * one grant and one refusal, and a restart of the server keeps who holds what. Tokens only grow (the highest
 * token per VM is kept after a release), so a token once superseded never becomes current again.
 */
final class LeaseTable implements RunLeases {
    private final Path file;
    private final Map<String, String> holders = new TreeMap<>();
    private final Map<String, Long> tokens = new TreeMap<>();
    private final Map<String, String> requests = new TreeMap<>();

    LeaseTable(Path file) throws IOException {
        this.file = file;
        if (Files.isRegularFile(file)) {
            Properties p = new Properties();
            p.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
            for (String key : p.stringPropertyNames()) {
                if (key.startsWith("token.")) {
                    tokens.put(key.substring(6), Long.parseLong(p.getProperty(key)));
                } else if (key.startsWith("holder.")) {
                    holders.put(key.substring(7), p.getProperty(key));
                } else if (key.startsWith("request.")) {
                    requests.put(key.substring(8), p.getProperty(key));
                }
            }
        }
    }

    @Override
    public synchronized RunLease acquire(String vm, String holder) throws DifferenceException {
        String current = holders.get(vm);
        if (current != null && !current.equals(holder)) {
            throw new DifferenceException(Kind.LEASE_HELD, vm + " is held by " + current);
        }
        long token = tokens.getOrDefault(vm, 0L) + 1;
        holders.put(vm, holder);
        tokens.put(vm, token);
        requests.remove(vm);
        save();
        return new RunLease(vm, holder, token);
    }

    @Override
    public synchronized void release(RunLease lease) throws DifferenceException {
        if (!isCurrent(lease)) {
            throw new DifferenceException(Kind.LEASE_HELD, "the lease of " + lease.vm() + " with token " + lease.token()
                    + " is no longer current (" + current(lease.vm()).map(l -> "held by " + l.holder()).orElse("free") + ")");
        }
        holders.remove(lease.vm());
        requests.remove(lease.vm());
        save();
    }

    @Override
    public synchronized boolean isCurrent(RunLease lease) {
        return lease.holder().equals(holders.get(lease.vm())) && tokens.getOrDefault(lease.vm(), 0L) == lease.token();
    }

    @Override
    public synchronized Optional<RunLease> current(String vm) {
        String holder = holders.get(vm);
        return holder == null ? Optional.empty() : Optional.of(new RunLease(vm, holder, tokens.get(vm)));
    }

    @Override
    public synchronized void requestRelease(String vm, String requester) throws DifferenceException {
        String holder = holders.get(vm);
        if (holder != null && !holder.equals(requester) && !requester.equals(requests.get(vm))) {
            requests.put(vm, requester);
            save();
        }
    }

    @Override
    public synchronized Optional<String> releaseRequest(String vm) {
        return Optional.ofNullable(requests.get(vm));
    }

    private void save() throws DifferenceException {
        StringBuilder text = new StringBuilder();
        tokens.forEach((vm, token) -> text.append("token.").append(vm).append('=').append(token).append('\n'));
        holders.forEach((vm, holder) -> text.append("holder.").append(vm).append('=').append(holder).append('\n'));
        requests.forEach((vm, requester) -> text.append("request.").append(vm).append('=').append(requester).append('\n'));
        try {
            Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            try (var channel = java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new DifferenceException(Kind.UNREACHABLE, "the lease table could not be saved: " + e.getMessage(), e);
        }
    }
}
