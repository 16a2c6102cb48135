package org.deskplane.hypervisor.demo.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Gives a new server a demo inventory: on the first start only (no libvirt connection configured yet and no
 * marker file), it writes the demo images and node files and creates one libvirt connection per demo host.
 * Configurations that exist are never touched, and an admin who deletes the demo connections does not get them
 * back (the marker stays). Framework property {@value #ENABLED_PROPERTY}{@code =false} turns all of it off.
 * The work is done during activation, so once this component is active its decision has been carried out.
 */
@Component(immediate = true, service = {})
public final class DemoInventoryComponent {

    static final String ENABLED_PROPERTY = "deskplane.demo";
    private static final Logger LOG = System.getLogger(DemoInventoryComponent.class.getName());

    @Activate
    public DemoInventoryComponent(BundleContext context, @Reference ConfigurationAdmin configurationAdmin) {
        if ("false".equalsIgnoreCase(String.valueOf(context.getProperty(ENABLED_PROPERTY)).trim())) {
            LOG.log(Level.INFO, "demo inventory off (" + ENABLED_PROPERTY + "=false)");
            return;
        }
        DemoDirectory demo = DemoDirectory.of(context.getProperty(DemoDirectory.DATA_PROPERTY));
        DemoConnections connections = new DemoConnections(configurationAdmin);
        try {
            if (Files.exists(demo.marker())) {
                repairFiles(context, demo, connections);
            } else {
                firstStart(context, demo, connections);
            }
        } catch (IOException | RuntimeException e) {
            // a demo that cannot be made must never keep the server from starting
            LOG.log(Level.WARNING, "demo inventory not created: " + e.getMessage(), e);
        }
    }

    private static void firstStart(BundleContext context, DemoDirectory demo, DemoConnections connections)
            throws IOException {
        var existing = connections.all();
        if (!existing.isEmpty()) {
            LOG.log(Level.INFO, "demo inventory not created: libvirt connections are configured already "
                    + DemoConnections.ids(existing));
            writeMarker(demo, "not created: connections existed " + DemoConnections.ids(existing));
            return;
        }
        int images = DemoImageWriter.writeMissing(demo.images());
        for (Path nodeFile : DemoHosts.writeNodeFiles(context.getBundle(), demo)) {
            String id = nodeFile.getFileName().toString().replaceFirst("\\.xml$", "");
            connections.create(id, DemoHosts.uri(nodeFile));
        }
        // after the connections: a crash before this line leaves connections that the next start finds (and then
        // writes the marker), so nothing is ever created twice
        writeMarker(demo, "created " + DemoHosts.IDS);
        LOG.log(Level.INFO, "demo inventory created: libvirt test-driver hosts " + DemoHosts.IDS + " from "
                + demo.root() + " (" + images + " demo images written); turn off with -D" + ENABLED_PROPERTY
                + "=false");
    }

    /**
     * Later starts: while demo connections are configured, their files must be there (someone may have cleaned
     * the data directory); missing images and node files are written again. Nothing is ever configured here.
     */
    private static void repairFiles(BundleContext context, DemoDirectory demo, DemoConnections connections)
            throws IOException {
        if (connections.demo().isEmpty()) {
            return;
        }
        int images = DemoImageWriter.writeMissing(demo.images());
        if (!DemoHosts.nodeFilesExist(demo)) {
            DemoHosts.writeNodeFiles(context.getBundle(), demo);
            LOG.log(Level.INFO, "demo node files written again under " + demo.root());
        }
        if (images > 0) {
            LOG.log(Level.INFO, images + " missing demo images written again under " + demo.images());
        }
    }

    private static void writeMarker(DemoDirectory demo, String note) throws IOException {
        AtomicFiles.write(demo.marker(),
                (Instant.now() + " " + note + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
