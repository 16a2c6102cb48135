package org.deskplane.modules.ui.internal;

import static org.deskplane.modules.ui.internal.ModuleWidgets.WIDGETS;

import org.deskplane.workbench.platform.ui.support.FormDialog;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Shell;

/** Register a stored module for a VM image. */
final class RegistrationDialog extends FormDialog {

    private final String image;
    private final String module;
    private String[] result;

    /** @param image, module the suggestions (the image filter, the selected module "name/version"), or "" */
    RegistrationDialog(Shell parent, String image, String module) {
        super(parent, "Register module for a VM image", WIDGETS);
        this.image = image;
        this.module = module;
    }

    @Override
    protected void fields(Composite area) {
        text(area, "image", "VM image", "the image key (a VM's UUID unless its metadata names an image)", image);
        text(area, "module", "Module", "symbolic name/version, e.g. org.example.scan/1.2.0", module);
    }

    @Override
    protected boolean accept() {
        String img = value("image");
        String mod = value("module");
        int slash = mod.lastIndexOf('/');
        if (img.isEmpty()) {
            problem("Name the VM image.");
            return false;
        }
        if (slash <= 0 || slash == mod.length() - 1) {
            problem("Module must be name/version: '" + mod + "'");
            return false;
        }
        result = new String[] { img, mod.substring(0, slash), mod.substring(slash + 1) };
        return true;
    }

    /** image, symbolic name, version. */
    String[] result() {
        return result;
    }
}
