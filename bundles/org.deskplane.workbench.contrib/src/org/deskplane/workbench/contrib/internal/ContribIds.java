package org.deskplane.workbench.contrib.internal;

/** Element ids this bundle adds to the application model. */
final class ContribIds {

    static final String BUNDLE = "org.deskplane.workbench.contrib";
    static final String PART_PREFIX = BUNDLE + ".part.";
    static final String MENU_ITEM_PREFIX = BUNDLE + ".menuitem.";
    /** The window's main menu when the application model has none. */
    static final String MAIN_MENU = BUNDLE + ".menu.main";
    static final String MODULES_MENU = BUNDLE + ".menu.modules";
    static final String COMMAND_SHOW_PART = BUNDLE + ".command.showPart";
    static final String PARAMETER_PART_ID = COMMAND_SHOW_PART + ".partId";
    static final String HANDLER_SHOW_PART = BUNDLE + ".handler.showPart";
    static final String SHOW_HANDLER_URI = "bundleclass://" + BUNDLE + "/" + ShowContributedPartHandler.class.getName();
    static final String PART_URI = "bundleclass://" + BUNDLE + "/" + ContributedPart.class.getName();

    private ContribIds() {
    }

    static String partId(String contributionId) {
        return PART_PREFIX + contributionId;
    }

    static String menuItemId(String contributionId) {
        return MENU_ITEM_PREFIX + contributionId;
    }

    /** Ids end up in element ids and URIs: a module must not be able to smuggle anything else in. */
    static boolean isValid(String contributionId) {
        return contributionId != null && contributionId.matches("[A-Za-z0-9._-]{1,100}");
    }
}
