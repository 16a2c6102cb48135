package org.deskplane.workbench;

/** Element ids of the workbench's application model that model fragments and parts refer to. */
public final class WorkbenchIds {

    /** The part stack that capability fragments add their parts to (feature name {@code children}). */
    public static final String MAIN_PART_STACK = "org.deskplane.workbench.partstack.main";

    public static final String COMMAND_REFRESH = "org.deskplane.workbench.command.refresh";
    public static final String COMMAND_START_BUNDLE = "org.deskplane.workbench.command.startBundle";
    public static final String COMMAND_STOP_BUNDLE = "org.deskplane.workbench.command.stopBundle";
    public static final String COMMAND_UPDATE_BUNDLE = "org.deskplane.workbench.command.updateBundle";
    public static final String COMMAND_UNINSTALL_BUNDLE = "org.deskplane.workbench.command.uninstallBundle";
    public static final String COMMAND_INSTALL_FEATURE = "org.deskplane.workbench.command.installFeature";
    public static final String PARAMETER_REPOSITORY = COMMAND_INSTALL_FEATURE + ".repository";
    public static final String PARAMETER_FEATURE_ID = COMMAND_INSTALL_FEATURE + ".featureId";
    /** Uninstalls the selected {@code FeatureInfo}. */
    public static final String COMMAND_UNINSTALL_FEATURE = "org.deskplane.workbench.command.uninstallFeature";
    /** Installs a bundle jar; without the path parameter it asks for the file. */
    public static final String COMMAND_INSTALL_BUNDLE = "org.deskplane.workbench.command.installBundle";
    public static final String PARAMETER_JAR_PATH = COMMAND_INSTALL_BUNDLE + ".jarPath";
    /** {@code "true"} (default) or {@code "false"}: start the bundle after installing it. */
    public static final String PARAMETER_START = COMMAND_INSTALL_BUNDLE + ".start";

    /** OSGi service property telling where a service's work happens: {@value #MODE_REMOTE} or embedded. */
    public static final String MODE_PROPERTY = "deskplane.mode";
    public static final String MODE_REMOTE = "remote";
    /**
     * The service bundles run in the workbench's own framework. Also the value of system property
     * {@value #MODE_PROPERTY} that starts the workbench in embedded mode without the login dialog.
     */
    public static final String MODE_EMBEDDED = "embedded";

    private WorkbenchIds() {
    }
}
