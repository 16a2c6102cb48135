package org.deskplane.content.ui.internal;

import java.util.function.Function;

import org.deskplane.content.api.ContentEntry;
import org.deskplane.content.api.EntryType;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.jface.viewers.TreeViewerColumn;
import org.eclipse.swt.SWT;

/** The Content tree's columns: name, type, size, modified. */
final class EntryColumns {

    static final int NAME = 0;
    static final int TYPE = 1;
    static final int SIZE = 2;
    static final int MODIFIED = 3;

    private EntryColumns() {
    }

    static void create(TreeViewer viewer) {
        column(viewer, "Name", 320, SWT.LEFT, entry -> entry.name().isEmpty() ? "/" : entry.name(), true);
        column(viewer, "Type", 90, SWT.LEFT, EntryColumns::type, false);
        column(viewer, "Size", 100, SWT.RIGHT, entry -> entry.directory() ? "" : SizeText.bytes(entry.size()), false);
        column(viewer, "Modified", 160, SWT.LEFT, entry -> SizeText.time(entry.modified()), false);
    }

    private static String type(ContentEntry entry) {
        return switch (entry.type()) {
            case DIRECTORY -> "folder";
            case FILE -> "file";
            case SYMLINK -> entry.linkTarget() == null ? "link" : "link \u2192 " + entry.linkTarget();
            case OTHER -> "other";
        };
    }

    private static void column(TreeViewer viewer, String title, int width, int alignment,
            Function<ContentEntry, String> text, boolean first) {
        TreeViewerColumn column = new TreeViewerColumn(viewer, alignment);
        column.getColumn().setText(title);
        column.getColumn().setWidth(width);
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                if (element instanceof FolderNode node) {
                    return text.apply(node.entry());
                }
                if (element instanceof FolderNode.Loading loading) {
                    return first ? loading.text() : "";
                }
                return "";
            }
        });
    }

    static boolean isFile(ContentEntry entry) {
        return entry.type() == EntryType.FILE;
    }
}
