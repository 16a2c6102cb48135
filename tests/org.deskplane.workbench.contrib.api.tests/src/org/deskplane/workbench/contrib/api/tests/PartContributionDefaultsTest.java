package org.deskplane.workbench.contrib.api.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.deskplane.workbench.contrib.api.PartContribution;
import org.eclipse.swt.widgets.Composite;
import org.junit.jupiter.api.Test;

/** What a UI module gets without saying: the menu item is labelled like the part, and there is no icon. */
class PartContributionDefaultsTest {

    private static PartContribution named(String label) {
        return new PartContribution() {
            @Override
            public String id() {
                return "greeting";
            }

            @Override
            public String label() {
                return label;
            }

            @Override
            public void createContent(Composite parent) {
                // not shown in this test
            }

            @Override
            public void dispose() {
                // nothing held
            }
        };
    }

    @Test
    void theMenuItemCarriesThePartsLabelAndThereIsNoIcon() {
        PartContribution contribution = named("Greeting");
        assertEquals("Greeting", contribution.menuLabel());
        assertEquals(Optional.empty(), contribution.iconUri());
        assertTrue(contribution.id().matches("[A-Za-z0-9._-]+"));
    }
}
