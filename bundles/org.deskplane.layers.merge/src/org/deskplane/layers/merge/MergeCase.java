package org.deskplane.layers.merge;

/**
 * The fifteen distinct situations of one path among (local, last uploaded, server): which sides have it and which
 * of those agree. All 64 combinations of (absent, v1, v2, v3) fall into one of these. {@link #tableRow()} names the
 * row of the seed's Table 1 written as "local last server" with 0 = absent, or "" for the cases the table leaves out.
 */
public enum MergeCase {
    ABSENT_EVERYWHERE("", MergeAction.NOTHING, "no side has the path"),
    ADDED_ELSEWHERE("0 0 1", MergeAction.TAKE_SERVER, "added by another endpoint, not here: take it"),
    DELETED_EVERYWHERE("0 1 0", MergeAction.NOTHING, "deleted by another endpoint and here too"),
    DELETED_LOCALLY("", MergeAction.UPLOAD_DELETION, "deleted here, unchanged on the server: the deletion goes up"),
    DELETED_LOCALLY_MODIFIED_ELSEWHERE("0 1 2", MergeAction.TAKE_SERVER,
            "deleted here but modified by another endpoint: the modification wins, take it"),
    ADDED_LOCALLY("", MergeAction.UPLOAD_LOCAL, "created here, unknown to the server: it goes up"),
    RECREATED_SAME("1 0 1", MergeAction.NOTHING, "created here and elsewhere with the same content"),
    RECREATED_DIFFERENT("1 0 2", MergeAction.CONFLICT_COPY,
            "created here and elsewhere with different content: keep both, the server's under a conflict name"),
    DELETED_ELSEWHERE("1 1 0", MergeAction.DELETE_LOCAL, "deleted by another endpoint, unchanged here: delete it"),
    MODIFIED_LOCALLY_DELETED_ELSEWHERE("1 2 0", MergeAction.KEEP_LOCAL_NOTIFY,
            "modified here but deleted by another endpoint: keep it (it goes up again) and tell the user"),
    UNCHANGED("", MergeAction.NOTHING, "the same on all sides"),
    MODIFIED_ELSEWHERE("1 1 2", MergeAction.TAKE_SERVER, "modified by another endpoint, unchanged here: overwrite"),
    MODIFIED_SAME_WAY("1 2 1", MergeAction.NOTHING, "modified here and elsewhere the same way"),
    MODIFIED_LOCALLY("", MergeAction.UPLOAD_LOCAL, "modified here, unchanged on the server: it goes up"),
    MODIFIED_BOTH_WAYS("1 2 3", MergeAction.CONFLICT_COPY,
            "modified here and differently elsewhere: keep both, the server's under a conflict name");

    private final String tableRow;
    private final MergeAction action;
    private final String reason;

    MergeCase(String tableRow, MergeAction action, String reason) {
        this.tableRow = tableRow;
        this.action = action;
        this.reason = reason;
    }

    /** The row of the seed's Table 1 ("local last server", 0 = absent), or "" when the table leaves the case out. */
    public String tableRow() {
        return tableRow;
    }

    public boolean inSeedTable() {
        return !tableRow.isEmpty();
    }

    /** The action for plain files; {@link ThreeWayMerge} refines it where directories are involved. */
    public MergeAction action() {
        return action;
    }

    public String reason() {
        return reason;
    }
}
