package org.deskplane.layers.client.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.Set;

import org.deskplane.layers.api.ActivityReport;
import org.deskplane.layers.api.Binding;
import org.deskplane.layers.api.CvdVersion;
import org.deskplane.layers.api.EndpointInfo;
import org.deskplane.layers.api.EndpointStatus;
import org.deskplane.layers.api.Layer;
import org.deskplane.layers.api.LayerException;
import org.deskplane.layers.api.LayerManifest;
import org.deskplane.layers.api.MasterState;
import org.deskplane.layers.api.PublishRequest;

/** What the client asks of the server. One implementation speaks REST; tests may use another. */
public interface ServerLink {

    Binding register(EndpointInfo endpoint) throws IOException, LayerException;

    /** The head version number; waits up to {@code waitSeconds} for one above {@code after}. */
    long head(String cvdId, long after, int waitSeconds) throws IOException, LayerException;

    CvdVersion version(String cvdId, long number) throws IOException, LayerException;

    LayerManifest manifest(String cvdId, long number, Layer layer) throws IOException, LayerException;

    Set<String> missingChunks(Collection<String> ids) throws IOException, LayerException;

    void putChunk(String id, byte[] data, int offset, int length) throws IOException, LayerException;

    InputStream chunk(String id) throws IOException, LayerException;

    CvdVersion publish(String cvdId, PublishRequest request) throws IOException, LayerException;

    MasterState activity(String cvdId, ActivityReport report) throws IOException, LayerException;

    MasterState snapshotTaken(String cvdId, String endpointId, long version) throws IOException, LayerException;

    MasterState handedOver(String cvdId, String endpointId, long token) throws IOException, LayerException;

    MasterState pulled(String cvdId, String endpointId, long token) throws IOException, LayerException;

    void reportStatus(EndpointStatus status) throws IOException, LayerException;
}
