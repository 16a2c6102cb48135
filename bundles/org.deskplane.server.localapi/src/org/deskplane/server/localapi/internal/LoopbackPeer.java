package org.deskplane.server.localapi.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.ConnectionMetaData;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;

/**
 * Presents a peer on the local socket as a loopback client. Jetty reports a Unix-domain peer as its (usually
 * empty) socket path, which means nothing to audit records, login throttling or network rules of content
 * policies; a process on this machine is what "127.0.0.1" already means to all of them.
 */
final class LoopbackPeer implements HttpConfiguration.Customizer {
    static final InetSocketAddress LOOPBACK = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    @Override
    public Request customize(Request request, HttpFields.Mutable responseHeaders) {
        ConnectionMetaData local = new ConnectionMetaData.Wrapper(request.getConnectionMetaData()) {
            @Override
            public SocketAddress getRemoteSocketAddress() {
                return LOOPBACK;
            }
        };
        return new Request.Wrapper(request) {
            @Override
            public ConnectionMetaData getConnectionMetaData() {
                return local;
            }
        };
    }
}
