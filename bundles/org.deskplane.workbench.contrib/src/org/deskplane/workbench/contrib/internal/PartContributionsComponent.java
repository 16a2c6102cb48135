package org.deskplane.workbench.contrib.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.deskplane.workbench.contrib.api.PartContribution;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.workbench.IWorkbench;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Whiteboard of {@link PartContribution} services: each one present while a workbench runs (e4 registers
 * {@link IWorkbench} as a service) gets its part and menu item; each one that goes (its module stopped or
 * unloaded) has them removed. Service events arrive on any thread; the model is changed on the UI thread.
 */
@Component(immediate = true)
public final class PartContributionsComponent {

    private final Set<PartContribution> contributions = ConcurrentHashMap.newKeySet();
    private volatile Workbench workbench;

    /** A running workbench: its model and its UI thread. */
    private record Workbench(IWorkbench service, ModelContributions model, UISynchronize ui) {
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindWorkbench(IWorkbench service) {
        UISynchronize ui = service.getApplication().getContext().get(UISynchronize.class);
        ui.syncExec(() -> {
            Workbench bound = new Workbench(service, new ModelContributions(service.getApplication()), ui);
            workbench = bound;
            contributions.forEach(bound.model()::add);
        });
    }

    void unbindWorkbench(IWorkbench service) {
        Workbench bound = workbench;
        if (bound != null && bound.service() == service) {
            workbench = null; // the workbench is closing: its model goes with it, nothing to undo
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addContribution(PartContribution contribution) {
        contributions.add(contribution);
        onUiThread(bound -> bound.model().add(contribution), false);
    }

    void removeContribution(PartContribution contribution) {
        contributions.remove(contribution);
        // synchronously: the contributing bundle is stopping and its classes must not be used after this returns
        onUiThread(bound -> bound.model().remove(contribution), true);
    }

    private void onUiThread(java.util.function.Consumer<Workbench> change, boolean wait) {
        Workbench bound = workbench;
        if (bound == null) {
            return;
        }
        Runnable run = () -> {
            if (workbench == bound) {
                change.accept(bound);
            }
        };
        try {
            if (wait) {
                bound.ui().syncExec(run);
            } else {
                bound.ui().asyncExec(run);
            }
        } catch (RuntimeException e) {
            // the display is gone (workbench closing before its service went): no model left to change
            System.getLogger(PartContributionsComponent.class.getName()).log(System.Logger.Level.DEBUG,
                    "workbench UI no longer running", e);
        }
    }
}
