package org.deskplane.modules.wire;

/** Message and stream types, wire-only statuses and limits of the module channel protocol, version 1. */
public final class ModuleWire {

    /** The first byte of every body. */
    public static final int VERSION = 1;

    public static final String QUERY = "module.query";
    public static final String LOAD = "module.load";
    public static final String UNLOAD = "module.unload";
    public static final String REGISTER = "module.register";
    public static final String UNREGISTER = "module.unregister";
    public static final String REPLACE = "module.replace";
    public static final String CONFIGURE = "module.configure";
    public static final String STATUS = "module.status";
    /** Stream guest → host: an {@link UploadHeader}, the jar's bytes, FIN; the host answers on the stream. */
    public static final String UPLOAD = "module.upload";

    /**
     * Statuses that are not a {@link org.deskplane.modules.api.ModuleStatus} because the module host never says
     * them: the bridge does. The host's module service is not running (try again later).
     */
    public static final String UNAVAILABLE = "UNAVAILABLE";
    /** No hypervisor connection knows the VM the channel authenticated. */
    public static final String UNKNOWN_VM = "UNKNOWN_VM";

    /** Longest string on the wire (bytes of UTF-8). */
    public static final int MAX_STRING = 4096;
    /** Most elements of one list. */
    public static final int MAX_LIST = 1024;
    /** Most modules per list of a query answer: keeps the answer under {@link #MAX_ANSWER}. */
    public static final int MAX_ANSWER_MODULES = 128;
    /** Largest answer body the bridge sends (the channel's smallest negotiated frame is larger than this needs to be). */
    public static final int MAX_ANSWER = 192 << 10;
    /** Largest upload header. */
    public static final int MAX_HEADER = 4 << 10;
    /** Largest jar the wire lets a guest declare; the host's own limit is usually lower ({@code TOO_LARGE}). */
    public static final long MAX_UPLOAD = 1L << 30;

    private ModuleWire() {
    }
}
