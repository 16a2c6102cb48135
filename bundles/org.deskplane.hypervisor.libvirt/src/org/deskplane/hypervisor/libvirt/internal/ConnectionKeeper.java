package org.deskplane.hypervisor.libvirt.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.deskplane.hypervisor.api.ConnectionStatus;
import org.deskplane.hypervisor.api.ConnectionStatus.State;
import org.deskplane.hypervisor.api.HypervisorEvents.VmEventType;
import org.deskplane.hypervisor.api.VmInfo;
import org.deskplane.model.HostState;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.libvirt.event.DomainEvent;
import org.libvirt.event.LifecycleListener;

/**
 * Keeps one libvirt connection open: connects on its own thread, reconnects with exponential backoff when the
 * connection fails or drops, and turns lifecycle callbacks into inventory refreshes and events. All inventory
 * work of this connection runs on its thread, so a slow or dead host only ever delays itself.
 */
final class ConnectionKeeper {

    private static final Logger LOG = System.getLogger(ConnectionKeeper.class.getName());

    private final String id;
    private final String uri;
    private final ConnectionConfig config;
    private final InventoryWriter inventory;
    private final EventPublisher events;
    private final ScheduledExecutorService worker;
    private final LifecycleListener lifecycle = this::onLifecycle;

    private volatile Connect connect;
    private volatile ConnectionStatus status;
    private volatile boolean closed;
    private long nextDelay;
    private ScheduledFuture<?> health;
    private ScheduledFuture<?> fullRefresh;

    ConnectionKeeper(ConnectionConfig config, InventoryWriter inventory, EventPublisher events) {
        this.id = config.connection_id();
        this.uri = config.uri();
        this.config = config;
        this.inventory = inventory;
        this.events = events;
        this.nextDelay = Math.max(10, config.reconnect_initial_millis());
        this.status = new ConnectionStatus(State.CONNECTING, Instant.now(), null, null, null);
        this.worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "deskplane-libvirt-" + id);
            thread.setDaemon(true);
            return thread;
        });
    }

    void start() {
        worker.execute(this::connect);
    }

    ConnectionStatus status() {
        return status;
    }

    /** The open connection, or null while down. */
    Connect current() {
        return connect;
    }

    /** Runs {@code task} on this connection's thread. */
    void later(Runnable task) {
        if (!closed) {
            try {
                worker.execute(task);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // closing
            }
        }
    }

    /** A call failed in a way that means the connection is gone. */
    void connectionLost(String reason) {
        later(() -> lost(reason));
    }

    private void connect() {
        if (closed || connect != null) {
            return;
        }
        Connect opened = null;
        try {
            opened = new NativeConnect(uri);
            opened.addLifecycleListener(lifecycle);
            if (isRemote(uri)) {
                keepAlive(opened);
            }
            if (closed) {
                closeQuietly(opened);
                return;
            }
            connect = opened;
            status = new ConnectionStatus(State.CONNECTED, Instant.now(), null, opened.getHostName(),
                    opened.getType());
            nextDelay = Math.max(10, config.reconnect_initial_millis());
            LOG.log(Level.INFO, "libvirt connection {0} ({1}) connected", id, uri);
            refreshAll();
            events.connected();
            health = worker.scheduleWithFixedDelay(this::checkHealth, config.health_check_millis(),
                    config.health_check_millis(), TimeUnit.MILLISECONDS);
            fullRefresh = worker.scheduleWithFixedDelay(this::refreshAll, config.full_refresh_millis(),
                    config.full_refresh_millis(), TimeUnit.MILLISECONDS);
        } catch (LibvirtException | RuntimeException e) {
            if (opened != null && connect == null) {
                closeQuietly(opened);
            }
            failed(e.getMessage());
        }
    }

    /**
     * Keep-alive is a feature of remote connections ({@code qemu+ssh://host/…}, {@code qemu://host/…}); local
     * drivers refuse it, and libvirt then prints an error to stderr at every connect.
     */
    static boolean isRemote(String uri) {
        int schemeEnd = uri.indexOf("://");
        if (schemeEnd < 0) {
            return false;
        }
        String rest = uri.substring(schemeEnd + 3);
        return uri.substring(0, schemeEnd).contains("+") || !(rest.isEmpty() || rest.startsWith("/"));
    }

    private static void keepAlive(Connect opened) {
        try {
            opened.setKeepAlive(5, 3);
        } catch (LibvirtException e) {
            // local drivers (test:///, qemu:///) have no keep-alive; the health check covers them
        }
    }

    private void failed(String error) {
        status = new ConnectionStatus(State.DISCONNECTED, Instant.now(), error, status.hostName(),
                status.hypervisor());
        inventory.update("host " + id + " disconnected", inv -> InventoryUpdate.markHost(inv, id, uri,
                HostState.DISCONNECTED));
        events.disconnected(error);
        long delay = nextDelay;
        nextDelay = Math.min(Math.max(delay * 2, 10), Math.max(10, config.reconnect_max_millis()));
        LOG.log(Level.WARNING, "libvirt connection {0} ({1}) failed: {2}; retrying in {3} ms", id, uri, error,
                delay);
        if (!closed) {
            worker.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
        }
    }

    private void lost(String reason) {
        Connect old = connect;
        if (old == null || closed) {
            return;
        }
        connect = null;
        cancelTimers();
        closeQuietly(old);
        failed("connection lost: " + reason);
    }

    private void checkHealth() {
        Connect current = connect;
        if (current == null) {
            return;
        }
        try {
            if (!current.isAlive()) {
                lost("libvirt reports the connection dead");
            }
        } catch (LibvirtException e) {
            lost(e.getMessage());
        }
    }

    /** Re-reads the whole host into the inventory. */
    void refreshAll() {
        Connect current = connect;
        if (current == null) {
            return;
        }
        try {
            HostSnapshot snapshot = HostReader.read(id, uri, current);
            inventory.update("refresh of host " + id, inv -> InventoryUpdate.replaceHost(inv, snapshot));
        } catch (LibvirtException e) {
            if (LibvirtErrors.isConnectionLoss(e)) {
                lost(e.getMessage());
            } else {
                LOG.log(Level.WARNING, "refresh of host {0} failed: {1}", id, e.getMessage());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "refresh of host " + id + " failed: " + e.getMessage(), e);
        }
    }

    /** Re-reads one VM into the inventory and posts {@code type} unless null (on this connection's thread). */
    void refreshVm(String uuid, VmEventType type, String detail) {
        later(() -> {
            Connect current = connect;
            if (current == null) {
                return;
            }
            VmInfo info = null;
            try {
                info = DomainReader.read(id, current.domainLookupByUUIDString(uuid));
                VmInfo read = info;
                inventory.update("refresh of VM " + id + "/" + uuid,
                        inv -> InventoryUpdate.replaceVm(inv, id, uri, read));
            } catch (LibvirtException e) {
                if (LibvirtErrors.isConnectionLoss(e)) {
                    lost(e.getMessage());
                    return;
                }
                // gone (undefined transient domain, or undefined after the event): drop it from the inventory
                inventory.update("removal of VM " + id + "/" + uuid, inv -> InventoryUpdate.removeVm(inv, id, uuid));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "refresh of VM " + id + "/" + uuid + " failed: " + e.getMessage(), e);
            }
            if (type != null) {
                events.vm(type, uuid, info, detail);
            }
        });
    }

    /** Called on libvirt's event loop thread: only hand over, never block it. */
    private int onLifecycle(Domain domain, DomainEvent event) {
        try {
            String uuid = domain.getUUIDString();
            VmEventType type = switch (event.getType()) {
                case DEFINED -> VmEventType.DEFINED;
                case UNDEFINED -> VmEventType.UNDEFINED;
                case STARTED -> VmEventType.STARTED;
                case SUSPENDED -> VmEventType.SUSPENDED;
                case RESUMED -> VmEventType.RESUMED;
                case STOPPED -> VmEventType.STOPPED;
                case SHUTDOWN -> VmEventType.SHUTDOWN;
                case PMSUSPENDED -> VmEventType.PMSUSPENDED;
                case CRASHED -> VmEventType.CRASHED;
                default -> VmEventType.CHANGED;
            };
            Object detail = event.getDetail();
            refreshVm(uuid, type, detail == null ? null : detail.toString());
        } catch (LibvirtException | RuntimeException e) {
            LOG.log(Level.WARNING, "lifecycle event of connection {0} not handled: {1}", id, e.getMessage());
        }
        return 0;
    }

    /**
     * Stops the thread and closes the connection.
     *
     * @param forget remove this host from the inventory (its configuration was deleted) rather than marking it
     *               disconnected
     */
    void close(boolean forget) {
        closed = true;
        worker.shutdownNow();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Connect old = connect;
        connect = null;
        if (old != null) {
            closeQuietly(old);
        }
        status = new ConnectionStatus(State.CLOSED, Instant.now(), null, status.hostName(), status.hypervisor());
        if (forget) {
            inventory.update("removal of host " + id, inv -> InventoryUpdate.removeHost(inv, id));
        } else {
            inventory.update("host " + id + " closed",
                    inv -> InventoryUpdate.markHost(inv, id, uri, HostState.DISCONNECTED));
        }
    }

    private void cancelTimers() {
        if (health != null) {
            health.cancel(false);
        }
        if (fullRefresh != null) {
            fullRefresh.cancel(false);
        }
    }

    private void closeQuietly(Connect old) {
        try {
            old.removeLifecycleListener(lifecycle);
        } catch (LibvirtException | RuntimeException e) {
            // the connection may already be dead
        }
        try {
            old.close();
        } catch (LibvirtException | RuntimeException e) {
            // nothing left to release
        }
    }
}
