package org.deskplane.vmdiff.ui.internal;

import java.util.List;

import org.deskplane.workbench.platform.ui.support.FormDialog;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Shell;

/** Which host a VM resumes on or moves to: a drop-down of the hosts connected to the server. */
final class HostChooser extends FormDialog {

    private final String verb;
    private final String vm;
    private final List<String> hosts;
    private Combo combo;
    private String chosen;

    HostChooser(Shell parent, String verb, String vm, List<String> hosts) {
        super(parent, verb + " " + vm, VmdiffWidgets.WIDGETS);
        this.verb = verb;
        this.vm = vm;
        this.hosts = hosts;
    }

    @Override
    protected void fields(Composite area) {
        combo = combo(area, "host", "Host", verb + " " + vm + " on this host", hosts);
    }

    @Override
    protected boolean accept() {
        int at = combo.getSelectionIndex();
        if (at < 0) {
            problem("Choose a host.");
            return false;
        }
        chosen = hosts.get(at);
        return true;
    }

    @Override
    protected String okLabel() {
        return verb;
    }

    String chosen() {
        return chosen;
    }
}
