package org.deskplane.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ServerOptionsTest {

    private static ServerOptions parse(Map<String, String> props) {
        return ServerOptions.from(props::get);
    }

    @Test
    void defaultsAreHttpsOnLoopback8443() {
        ServerOptions o = parse(Map.of());
        assertEquals("127.0.0.1", o.bind());
        assertEquals(8443, o.port());
        assertFalse(o.plainHttp());
        assertEquals("https://127.0.0.1:8443/", o.displayUrl(8443));
        assertTrue(o.dataDir().isAbsolute());
    }

    @Test
    void plainHttpIsRefusedOffLoopback() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> parse(Map.of("deskplane.http", "true", "deskplane.bind", "0.0.0.0")));
        assertTrue(e.getMessage().contains("loopback"), e.getMessage());
        assertTrue(parse(Map.of("deskplane.http", "true", "deskplane.bind", "::1")).plainHttp());
    }

    @Test
    void badPortsAreExplained() {
        for (String bad : new String[] { "0", "70000", "http", "-1" }) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> parse(Map.of("deskplane.port", bad)));
            assertTrue(e.getMessage().contains("--port"), e.getMessage());
        }
    }

    @Test
    void wildcardBindIsShownAsLocalhost() {
        assertEquals("https://localhost:9443/", parse(Map.of("deskplane.bind", "0.0.0.0")).displayUrl(9443));
    }
}
