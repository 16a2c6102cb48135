package org.deskplane.server.tests;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the Debian packages {@code chromium} and {@code chromium-driver} put the browser and its WebDriver; a
 * missing one fails the test with the command that installs it (a browser test that silently skips proves nothing).
 */
record Chromium(Path browser, Path driver) {

    static Chromium installed() {
        Path browser = Path.of(System.getProperty("deskplane.test.chromium", "/usr/bin/chromium"));
        Path driver = Path.of(System.getProperty("deskplane.test.chromedriver", "/usr/bin/chromedriver"));
        for (Path program : new Path[] { browser, driver }) {
            if (!Files.isExecutable(program)) {
                throw new AssertionError(program + " is missing: the portal browser test needs Debian's chromium and "
                        + "chromium-driver (sudo apt-get install -y chromium chromium-driver, listed in "
                        + "releng/scripts/debian-packages.txt)");
            }
        }
        return new Chromium(browser, driver);
    }
}
