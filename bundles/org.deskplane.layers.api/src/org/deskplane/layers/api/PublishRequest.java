package org.deskplane.layers.api;

import java.util.Map;

/**
 * What an endpoint uploads after it has put every chunk the server lacked.
 *
 * @param endpointId the uploading endpoint
 * @param parent the version the endpoint's changes are based on; the publish is refused with
 *        {@link CvdConflictException} when the head has moved past it (the endpoint merges and retries)
 * @param fencingToken the endpoint's master lease token; required (and checked) when a system layer is included
 * @param kind upload or snapshot
 * @param layers the changed layers' complete manifests; other layers are inherited from the parent
 * @param note free text
 */
public record PublishRequest(String endpointId, long parent, long fencingToken, CvdVersion.Kind kind,
        Map<Layer, LayerManifest> layers, String note) {

    public PublishRequest {
        layers = Map.copyOf(layers);
        layers.forEach((layer, manifest) -> {
            if (manifest.layer() != layer) {
                throw new IllegalArgumentException("the " + layer + " entry holds a " + manifest.layer() + " manifest");
            }
        });
        if (layers.containsKey(Layer.MACHINE_IDENTITY)) {
            throw new IllegalArgumentException("the machine identity layer never leaves its endpoint");
        }
    }

    public boolean includesSystemLayer() {
        return layers.keySet().stream().anyMatch(Layer::isSystem);
    }
}
