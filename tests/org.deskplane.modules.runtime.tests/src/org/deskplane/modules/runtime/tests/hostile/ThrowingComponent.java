package org.deskplane.modules.runtime.tests.hostile;

/** A Declarative Services component whose activate method throws (SCR does not fail Bundle.start for that). */
public class ThrowingComponent {

    public void activate() {
        throw new IllegalStateException("component refuses to start");
    }
}
