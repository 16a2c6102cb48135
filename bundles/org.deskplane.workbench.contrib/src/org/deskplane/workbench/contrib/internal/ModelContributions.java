package org.deskplane.workbench.contrib.internal;

import java.util.List;

import org.deskplane.workbench.WorkbenchIds;
import org.deskplane.workbench.contrib.api.PartContribution;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.commands.MCommand;
import org.eclipse.e4.ui.model.application.commands.MCommandParameter;
import org.eclipse.e4.ui.model.application.commands.MHandler;
import org.eclipse.e4.ui.model.application.commands.MParameter;
import org.eclipse.e4.ui.model.application.descriptor.basic.MPartDescriptor;
import org.eclipse.e4.ui.model.application.ui.MElementContainer;
import org.eclipse.e4.ui.model.application.ui.MUIElement;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.model.application.ui.basic.MPartStack;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.model.application.ui.menu.MHandledMenuItem;
import org.eclipse.e4.ui.model.application.ui.menu.MMenu;
import org.eclipse.e4.ui.model.application.ui.menu.MMenuElement;
import org.eclipse.e4.ui.workbench.IPresentationEngine;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.renderers.swt.MenuManagerRenderer;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.Shell;

/**
 * Adds and removes the model elements of contributions in one workbench's application model. Call only on the UI
 * thread (the component hops there).
 */
final class ModelContributions {

    private static final System.Logger LOG = System.getLogger(ModelContributions.class.getName());

    private final MApplication application;
    private final EModelService models;
    private final ContributionLookup lookup = new ContributionLookup();

    ModelContributions(MApplication application) {
        this.application = application;
        this.models = application.getContext().get(EModelService.class);
        application.getContext().set(ContributionLookup.class, lookup);
    }

    void add(PartContribution contribution) {
        String id = contribution.id();
        String partId = ContribIds.partId(id);
        if (!ContribIds.isValid(id)) {
            LOG.log(System.Logger.Level.WARNING, "ignoring a part contribution with the invalid id ''{0}''", id);
            return;
        }
        if (lookup.find(partId) != null) {
            LOG.log(System.Logger.Level.WARNING, "ignoring a second part contribution with the id ''{0}''", id);
            return;
        }
        lookup.put(partId, contribution);
        MPartDescriptor descriptor = models.createModelElement(MPartDescriptor.class);
        descriptor.setElementId(partId);
        descriptor.setLabel(contribution.label());
        descriptor.setCloseable(true);
        descriptor.setContributionURI(ContribIds.PART_URI);
        contribution.iconUri().ifPresent(descriptor::setIconURI);
        application.getDescriptors().add(descriptor);

        MPart part = models.createPart(descriptor);
        MPartStack stack = (MPartStack) models.find(WorkbenchIds.MAIN_PART_STACK, application);
        if (stack != null) {
            stack.getChildren().add(part);
        }
        MHandledMenuItem item = models.createModelElement(MHandledMenuItem.class);
        item.setElementId(ContribIds.menuItemId(id));
        item.setLabel(contribution.menuLabel());
        contribution.iconUri().ifPresent(item::setIconURI);
        item.setCommand(showCommand());
        MParameter parameter = models.createModelElement(MParameter.class);
        parameter.setName(ContribIds.PARAMETER_PART_ID);
        parameter.setValue(partId);
        item.getParameters().add(parameter);
        MMenu modules = modulesMenu();
        modules.getChildren().add(item);
        modules.setVisible(true);
        refreshMenuBar();
    }

    void remove(PartContribution contribution) {
        String id = contribution.id();
        String partId = ContribIds.partId(id);
        if (lookup.find(partId) != contribution) {
            return; // never added (invalid or duplicate id)
        }
        MWindow window = window();
        EPartService parts = window.getContext() == null ? null : window.getContext().get(EPartService.class);
        for (MPart part : models.findElements(application, partId, MPart.class)) {
            if (parts != null && part.isToBeRendered()) {
                parts.hidePart(part, true); // disposes the widgets (→ contribution.dispose()) and removes it
            }
            removeFromParent(part);
        }
        application.getDescriptors().removeIf(descriptor -> partId.equals(descriptor.getElementId()));
        MMenu modules = modulesMenu();
        for (MMenuElement item : List.copyOf(modules.getChildren())) {
            if (ContribIds.menuItemId(id).equals(item.getElementId())) {
                item.setToBeRendered(false); // the menu renderer removes its SWT item on this
                modules.getChildren().remove(item);
            }
        }
        modules.setVisible(!modules.getChildren().isEmpty());
        refreshMenuBar();
        lookup.remove(partId);
    }

    @SuppressWarnings("unchecked")
    private static void removeFromParent(MUIElement element) {
        MElementContainer<MUIElement> parent = (MElementContainer<MUIElement>) (MElementContainer<?>) element
                .getParent();
        if (parent != null) {
            element.setToBeRendered(false);
            parent.getChildren().remove(element);
        }
    }

    private MWindow window() {
        MUIElement found = models.find("org.deskplane.workbench.window", application);
        return found instanceof MWindow window ? window : application.getChildren().get(0);
    }

    /** The "Modules" menu in the window's main menu, made (and rendered, if the window is) on first use. */
    private MMenu modulesMenu() {
        MMenu main = mainMenu();
        for (MMenuElement child : main.getChildren()) {
            if (child instanceof MMenu menu && ContribIds.MODULES_MENU.equals(menu.getElementId())) {
                return menu;
            }
        }
        MMenu modules = models.createModelElement(MMenu.class);
        modules.setElementId(ContribIds.MODULES_MENU);
        modules.setLabel("Modules");
        main.getChildren().add(modules);
        return modules;
    }

    /** The window's main menu; the application model has none, so it is made on first use. */
    private MMenu mainMenu() {
        MWindow window = window();
        MMenu main = window.getMainMenu();
        if (main == null) {
            main = models.createModelElement(MMenu.class);
            main.setElementId(ContribIds.MAIN_MENU);
            window.setMainMenu(main);
        }
        return main;
    }

    /**
     * Brings the shell's menu bar in line with the model. The window renderer renders a main menu only when it
     * renders the window, so one added later is rendered here and set as the shell's menu bar; and the menu
     * renderer adds the managers of added children without updating the menu bar, so it is updated here.
     */
    private void refreshMenuBar() {
        MWindow window = window();
        MMenu main = window.getMainMenu();
        if (main == null || !(window.getWidget() instanceof Shell shell) || shell.isDisposed()) {
            return; // not rendered yet: the window renderer renders the whole menu tree with the window
        }
        if (main.getWidget() == null) {
            IPresentationEngine engine = application.getContext().get(IPresentationEngine.class);
            engine.createGui(main, shell, window.getContext());
            if (main.getWidget() instanceof Menu bar) {
                shell.setMenuBar(bar);
            }
        }
        if (main.getRenderer() instanceof MenuManagerRenderer renderer) {
            MenuManager manager = renderer.getManager(main);
            if (manager != null) {
                manager.updateAll(true);
            }
        }
        shell.layout(true, true);
    }

    /** The show-part command and its handler, added to the application once. */
    private MCommand showCommand() {
        for (MCommand command : application.getCommands()) {
            if (ContribIds.COMMAND_SHOW_PART.equals(command.getElementId())) {
                return command;
            }
        }
        MCommand command = models.createModelElement(MCommand.class);
        command.setElementId(ContribIds.COMMAND_SHOW_PART);
        command.setCommandName("Show module part");
        command.setDescription("Shows a part contributed by a module");
        MCommandParameter parameter = models.createModelElement(MCommandParameter.class);
        parameter.setElementId(ContribIds.PARAMETER_PART_ID);
        parameter.setName("Part id");
        parameter.setOptional(false);
        command.getParameters().add(parameter);
        application.getCommands().add(command);

        MHandler handler = models.createModelElement(MHandler.class);
        handler.setElementId(ContribIds.HANDLER_SHOW_PART);
        handler.setContributionURI(ContribIds.SHOW_HANDLER_URI);
        handler.setCommand(command);
        application.getHandlers().add(handler);
        return command;
    }
}
