package org.deskplane.model.store.internal;

import java.io.IOException;
import java.nio.file.Path;

import org.deskplane.model.store.ModelStore;
import org.eclipse.emf.ecore.EObject;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/** Offers the file model store over {@code ${deskplane.data}/model/} as the {@link ModelStore} service. */
@Component(service = ModelStore.class)
public final class ModelStoreComponent implements ModelStore {

    private final FileModelStore store;

    @Activate
    public ModelStoreComponent(BundleContext context) throws IOException {
        Path data = DataDirectory.resolve(context.getProperty(DataDirectory.PROPERTY));
        this.store = new FileModelStore(data.resolve("model"));
    }

    @Override
    public EObject load(String name) throws IOException {
        return store.load(name);
    }

    @Override
    public void save(String name, EObject root) throws IOException {
        store.save(name, root);
    }

    @Override
    public boolean exists(String name) {
        return store.exists(name);
    }

    @Override
    public Path quarantine(String name) throws IOException {
        return store.quarantine(name);
    }
}
