package org.deskplane.modules.agent.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

/**
 * The module control endpoint's port is free as soon as close() returns, so the agent bundle can be stopped and
 * started again (hot swap) without finding its own port busy. Run under CPU load: a thread blocked in accept()
 * keeps the socket listening until it is scheduled again, and on a busy machine that takes longest.
 */
class ControlServerRestartTest {

    @Test
    void thePortIsFreeAsSoonAsCloseReturns() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        AtomicBoolean spinning = new AtomicBoolean(true);
        List<Thread> load = new ArrayList<>();
        for (int i = 0; i < 2 * Runtime.getRuntime().availableProcessors(); i++) {
            load.add(Thread.ofPlatform().daemon().start(() -> {
                while (spinning.get()) {
                    Thread.onSpinWait();
                }
            }));
        }
        try {
            for (int i = 0; i < 50; i++) {
                ControlServer server = new ControlServer("127.0.0.1", port, 2, 1000, new ControlCommands(null));
                Thread.sleep(5); // a running server: its acceptor is blocked in accept()
                server.close();
                try (ServerSocket next = new ServerSocket()) {
                    next.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)); // BindException if still held
                }
            }
        } finally {
            spinning.set(false);
            for (Thread thread : load) {
                thread.join();
            }
        }
    }
}
