package org.deskplane.client.internal;

import java.net.http.HttpHeaders;

/** A server's answer, read completely (and within bounds). */
record Reply(int status, HttpHeaders headers, byte[] body) {

    boolean success() {
        return status >= 200 && status < 300;
    }
}
