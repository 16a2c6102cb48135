package org.deskplane.content.ui.internal;

import java.util.List;
import java.util.function.Consumer;

import org.eclipse.jface.viewers.ITreeContentProvider;

/**
 * Tree content of the Content part: the input is the list of the root folder's nodes; a folder's children come
 * from its node once listed, else a "Loading…" row while {@code startListing} fetches them.
 */
final class FolderContent implements ITreeContentProvider {

    private final Consumer<FolderNode> startListing;

    FolderContent(Consumer<FolderNode> startListing) {
        this.startListing = startListing;
    }

    @Override
    public Object[] getElements(Object input) {
        return input instanceof List<?> list ? list.toArray() : new Object[0];
    }

    @Override
    public Object[] getChildren(Object parent) {
        if (!(parent instanceof FolderNode node) || !node.entry().directory()) {
            return new Object[0];
        }
        List<FolderNode> children = node.children();
        if (children != null) {
            return children.toArray();
        }
        if (node.request()) {
            startListing.accept(node);
        }
        return new Object[] { new FolderNode.Loading(node, "Loading \u2026") };
    }

    @Override
    public Object getParent(Object element) {
        return element instanceof FolderNode.Loading loading ? loading.folder() : null;
    }

    @Override
    public boolean hasChildren(Object element) {
        if (element instanceof FolderNode node && node.entry().directory()) {
            List<FolderNode> children = node.children();
            return children == null || !children.isEmpty();
        }
        return false;
    }
}
