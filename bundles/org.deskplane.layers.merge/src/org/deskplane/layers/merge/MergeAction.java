package org.deskplane.layers.merge;

/**
 * What the endpoint does with one user-file path after comparing its local, last-uploaded and server entries.
 * Each action says whether it touches the local tree, fetches the server's content, goes up with the next upload
 * or tells the user.
 */
public enum MergeAction {
    /** Nothing to do: the sides agree, or nobody has the file. */
    NOTHING(false, false, false, false),
    /** Put the server's version in place (creating or overwriting the local path). */
    TAKE_SERVER(true, true, false, false),
    /** Remove the local path: another endpoint deleted it and this one did not change it. */
    DELETE_LOCAL(true, false, false, false),
    /** Both changed it differently: the server's version goes beside the local one under a conflict name. */
    CONFLICT_COPY(true, true, true, true),
    /**
     * Both changed it and the server's version is a directory: the local file is renamed to a conflict name (so it
     * is kept and goes up as a new file) and the server's directory takes the path.
     */
    MOVE_LOCAL_ASIDE(true, true, true, true),
    /** A local change the server lacks: it goes up with the next upload. */
    UPLOAD_LOCAL(false, false, true, false),
    /** A local deletion the server lacks: the deletion goes up with the next upload. */
    UPLOAD_DELETION(false, false, true, false),
    /**
     * Another endpoint deleted what this one changed: the local version stays (and goes up again with the next
     * upload); the user is told that the file was deleted elsewhere.
     */
    KEEP_LOCAL_NOTIFY(false, false, true, true);

    private final boolean changesLocal;
    private final boolean downloads;
    private final boolean uploads;
    private final boolean notifies;

    MergeAction(boolean changesLocal, boolean downloads, boolean uploads, boolean notifies) {
        this.changesLocal = changesLocal;
        this.downloads = downloads;
        this.uploads = uploads;
        this.notifies = notifies;
    }

    /** Whether the local tree changes. */
    public boolean changesLocal() {
        return changesLocal;
    }

    /** Whether the server's content must be fetched. */
    public boolean downloads() {
        return downloads;
    }

    /** Whether something local differs from the server afterwards and goes up with the next upload. */
    public boolean uploads() {
        return uploads;
    }

    /** Whether the user should be told (a conflict or a deletion that was not applied). */
    public boolean notifies() {
        return notifies;
    }
}
