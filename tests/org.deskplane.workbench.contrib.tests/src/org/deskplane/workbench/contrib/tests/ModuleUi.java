package org.deskplane.workbench.contrib.tests;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.MUIElement;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.model.application.ui.menu.MMenu;
import org.eclipse.e4.ui.model.application.ui.menu.MMenuElement;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.custom.CTabItem;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Shell;

import static org.deskplane.workbench.testing.WorkbenchModel.window;

/** What the test reads of a module's contribution in the model and the widgets; call on the UI thread. */
final class ModuleUi {

    static final String PART_ID = "org.deskplane.workbench.contrib.part.org.deskplane.module.greeting";
    static final String MENU_ITEM_ID = "org.deskplane.workbench.contrib.menuitem.org.deskplane.module.greeting";

    private ModuleUi() {
    }

    static List<MPart> parts(MApplication application) {
        return application.getContext().get(EModelService.class).findElements(application, PART_ID, MPart.class);
    }

    static boolean hasDescriptor(MApplication application) {
        return application.getDescriptors().stream().anyMatch(d -> PART_ID.equals(d.getElementId()));
    }

    /** The menu item element under the window's main menu, searched through all menus. */
    static MMenuElement menuItem(MApplication application) {
        MMenu main = window(application).getMainMenu();
        return main == null ? null : find(main, MENU_ITEM_ID);
    }

    private static MMenuElement find(MMenu menu, String id) {
        for (MMenuElement child : menu.getChildren()) {
            if (id.equals(child.getElementId())) {
                return child;
            }
            if (child instanceof MMenu sub) {
                MMenuElement found = find(sub, id);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** The SWT item "label" inside the menu-bar item "menu", as a user opening the menu would find it. */
    static MenuItem swtMenuItem(MApplication application, String menu, String label) {
        Shell shell = (Shell) window(application).getWidget();
        Menu bar = shell.getMenuBar();
        if (bar == null) {
            return null;
        }
        for (MenuItem top : bar.getItems()) {
            if (menu.equals(top.getText().replace("&", "")) && top.getMenu() != null) {
                Menu dropDown = top.getMenu();
                dropDown.notifyListeners(SWT.Show, new Event()); // what opening it does: fills the items
                for (MenuItem item : dropDown.getItems()) {
                    if (label.equals(item.getText().replace("&", ""))) {
                        return item;
                    }
                }
            }
        }
        return null;
    }

    /** The menu bar and the main menu's model, for a failure message. */
    static String describeMenus(MApplication application) {
        StringBuilder text = new StringBuilder();
        Shell shell = (Shell) window(application).getWidget();
        Menu bar = shell.getMenuBar();
        text.append("menu bar ").append(bar);
        if (bar != null) {
            for (MenuItem top : bar.getItems()) {
                text.append(" [").append(top.getText());
                if (top.getMenu() != null) {
                    top.getMenu().notifyListeners(SWT.Show, new Event());
                    for (MenuItem item : top.getMenu().getItems()) {
                        text.append(" <").append(item.getText()).append(">");
                    }
                }
                text.append("]");
            }
        }
        MMenu main = window(application).getMainMenu();
        text.append("; model main menu ").append(main == null ? null : main.getElementId() + " widget "
                + main.getWidget());
        if (main != null) {
            for (MMenuElement child : main.getChildren()) {
                text.append(" {").append(child.getElementId()).append(" visible ").append(child.isVisible())
                        .append(" widget ").append(child.getWidget());
                if (child instanceof MMenu sub) {
                    for (MMenuElement item : sub.getChildren()) {
                        text.append(" <").append(item.getElementId()).append(" ").append(item.getWidget()).append(">");
                    }
                }
                text.append("}");
            }
        }
        return text.toString();
    }

    static List<String> menuBarLabels(MApplication application) {
        Menu bar = ((Shell) window(application).getWidget()).getMenuBar();
        List<String> labels = new ArrayList<>();
        if (bar != null) {
            for (MenuItem item : bar.getItems()) {
                labels.add(item.getText().replace("&", ""));
            }
        }
        return labels;
    }

    /** The tab labels of the part stack the element is in (or of the main stack). */
    static List<String> tabLabels(MUIElement stack) {
        List<String> labels = new ArrayList<>();
        if (stack != null && stack.getWidget() instanceof CTabFolder folder) {
            for (CTabItem item : folder.getItems()) {
                labels.add(item.getText());
            }
        }
        return labels;
    }
}
