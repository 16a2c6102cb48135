package org.deskplane.modules.api;

/**
 * Who asks. For a guest this is what the host knows about the VM (never what the guest claims): the VM id the
 * channel authenticated, the VM image the VM runs (Deskplane's meaning of "image": the VM's definition, so its UUID
 * unless the VM's metadata names another image key), and the VM's owner. For an administrator {@code vmId} and
 * {@code image} are empty and {@code admin} is true.
 *
 * @param vmId   the VM the request came from, or "" for an administrator
 * @param image  the VM image registrations and policy are keyed by, or ""
 * @param user   the VM's owner, or the administrator's name
 * @param admin  whether the request comes from an administrator (REST), which skips the per-VM policy but never
 *               the trust check
 * @param source where it came from: "channel:&lt;vmId&gt;" or the client address
 */
public record Requester(String vmId, String image, String user, boolean admin, String source) {

    public Requester {
        vmId = vmId == null ? "" : vmId;
        image = image == null || image.isEmpty() ? vmId : image;
        user = user == null ? "" : user;
        source = source == null ? "local" : source;
    }

    public static Requester guest(String vmId, String image, String user) {
        return new Requester(vmId, image, user, false, "channel:" + vmId);
    }

    public static Requester administrator(String name, String source) {
        return new Requester("", "", name, true, source);
    }
}
