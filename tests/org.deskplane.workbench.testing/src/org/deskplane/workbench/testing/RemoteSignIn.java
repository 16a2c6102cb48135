package org.deskplane.workbench.testing;

import java.time.Duration;

/**
 * Starts the real workbench signed in to a server without its login dialog (the system properties the workbench
 * reads for scripted remote sign-in), and stops it again without leaving the password behind in the JVM.
 */
public final class RemoteSignIn {

    private RemoteSignIn() {
    }

    /**
     * @param trustFingerprint the SHA-256 fingerprint of the server's certificate the test decided to trust
     */
    public static RunningWorkbench start(String serverUrl, String user, String password, String trustFingerprint,
            Duration startup) throws Exception {
        System.setProperty("deskplane.server.url", serverUrl);
        System.setProperty("deskplane.server.user", user);
        System.setProperty("deskplane.server.password", password);
        System.setProperty("deskplane.server.trustFingerprint", trustFingerprint);
        RunningWorkbench workbench = new RunningWorkbench(new ProductApplicationContext());
        workbench.awaitStarted(startup);
        return workbench;
    }

    /** Closes the workbench (if it started) and forgets the password. */
    public static void stop(RunningWorkbench workbench) throws Exception {
        try {
            if (workbench != null) {
                workbench.close();
            }
        } finally {
            System.clearProperty("deskplane.server.password");
        }
    }
}
