package org.deskplane.workbench.testing;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;

/** Saves what is on the screen where a shell is, as PNG. Call on the UI thread. */
public final class Screenshots {

    private Screenshots() {
    }

    public static Path save(Shell shell, String name) throws java.io.IOException {
        String configured = System.getProperty("deskplane.test.screenshotDir");
        Path directory = configured == null || configured.isBlank() || configured.startsWith("${")
                ? Path.of("target", "screenshots") : Path.of(configured);
        Files.createDirectories(directory);
        Path file = directory.resolve(name + ".png").toAbsolutePath();
        Display display = shell.getDisplay();
        shell.redraw();
        shell.update();
        while (display.readAndDispatch()) {
            // paint everything that is pending before copying the screen
        }
        Rectangle bounds = shell.getBounds();
        Image image = new Image(display, bounds.width, bounds.height);
        GC gc = new GC(display);
        try {
            gc.copyArea(image, bounds.x, bounds.y);
            ImageData data = image.getImageData();
            ImageLoader loader = new ImageLoader();
            loader.data = new ImageData[] { data };
            loader.save(file.toString(), SWT.IMAGE_PNG);
        } finally {
            gc.dispose();
            image.dispose();
        }
        return file;
    }
}
