package org.deskplane.print.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.deskplane.print.api.HostPrinter;
import org.deskplane.print.api.PrinterCapabilities;
import org.deskplane.print.policy.PrintPolicyRule;
import org.deskplane.print.policy.PrintPolicyRule.Effect;
import org.deskplane.print.routing.PrintingContext;
import org.junit.jupiter.api.Test;

/** The policy as a table: rules × requests → allowed or not, and which rule decided. */
class PrintPolicyEngineTest {

    private static final PrinterCapabilities CAPS = new PrinterCapabilities(List.of("application/pdf"), List.of(), "",
            List.of("one-sided"), List.of("auto"), 1, 1, List.of());
    private static final HostPrinter OFFICE = new HostPrinter("cups", "office", "Office Laser", "Floor 2",
            HostPrinter.PrinterState.IDLE, List.of(), true, CAPS);
    private static final HostPrinter LAB = new HostPrinter("cups", "lab", "Lab Colour", "Lab",
            HostPrinter.PrinterState.IDLE, List.of(), true, CAPS);
    private static final HostPrinter PDF = new HostPrinter("pdf", "pdf", "PDF files", "",
            HostPrinter.PrinterState.IDLE, List.of(), true, CAPS);

    private static final PrintingContext ALICE_DESK = new PrintingContext("local", "1111", "alice-desktop", "office",
            "alice");
    private static final PrintingContext BOB_KIOSK = new PrintingContext("local", "2222", "kiosk-7", "kiosks", "bob");
    private static final PrintingContext MALLORY = new PrintingContext("remote", "3333", "m-vm", "", "mallory");

    private static PrintPolicyRule rule(String name, int order, Effect effect, List<String> users, List<String> vms,
            List<String> pools, List<String> printers, List<String> apps, boolean nearestOnly) {
        return PolicyRules.validated(new PrintPolicyRule(name, order, effect, users, vms, pools, printers, apps, nearestOnly));
    }

    private static final List<PrintPolicyRule> RULES = List.of(
            rule("no-mallory", 10, Effect.DENY, List.of("mallory"), List.of(), List.of(), List.of(), List.of(), false),
            rule("kiosks-nearest", 20, Effect.ALLOW, List.of(), List.of(), List.of("kiosk*"), List.of(), List.of(), true),
            rule("no-pdf-from-office-pool", 30, Effect.DENY, List.of(), List.of(), List.of("office"), List.of("pdf.*"),
                    List.of(), false),
            rule("no-games-print", 5, Effect.DENY, List.of(), List.of(), List.of(), List.of(), List.of("*game*"), false),
            rule("alice-desktop-by-uuid", 40, Effect.DENY, List.of(), List.of("1111"), List.of(), List.of("Lab Colour"),
                    List.of(), false));

    private record Row(PrintingContext context, HostPrinter printer, boolean nearest, String application,
            boolean allowed, String rule) {
    }

    @Test
    void table() {
        List<Row> table = List.of(
                new Row(MALLORY, OFFICE, false, "", false, "no-mallory"),
                new Row(MALLORY, OFFICE, true, "writer", false, "no-mallory"),
                new Row(BOB_KIOSK, LAB, true, "", true, "kiosks-nearest"),
                new Row(BOB_KIOSK, OFFICE, false, "", false, "kiosks-nearest"),
                new Row(ALICE_DESK, PDF, false, "", false, "no-pdf-from-office-pool"),
                new Row(ALICE_DESK, OFFICE, false, "", true, ""),
                new Row(ALICE_DESK, OFFICE, false, "writer", true, ""),
                new Row(ALICE_DESK, OFFICE, false, "Minegame", false, "no-games-print"),
                // application rules do not match when the application is unknown (listing printers)
                new Row(BOB_KIOSK, LAB, true, "", true, "kiosks-nearest"),
                new Row(ALICE_DESK, LAB, false, "", false, "alice-desktop-by-uuid"),
                new Row(new PrintingContext("local", "9999", "other", "", "carol"), PDF, false, "", true, ""));
        for (Row row : table) {
            PolicyDecision decision = PrintPolicyEngine.decide(RULES, new PolicyRequest(row.context(),
                    VmPrinterIds.of(row.printer()), row.printer(), row.nearest(), row.application()));
            String what = row.context().user() + "@" + row.context().vmName() + " -> " + row.printer().name() + " app="
                    + row.application() + ": " + decision;
            assertEquals(row.allowed(), decision.allowed(), what);
            assertEquals(row.rule(), decision.rule(), what);
        }
    }

    @Test
    void withoutRulesEverythingIsAllowed() {
        PolicyDecision decision = PrintPolicyEngine.decide(List.of(),
                new PolicyRequest(MALLORY, "pdf.pdf", PDF, false, "anything"));
        assertTrue(decision.allowed());
    }

    @Test
    void malformedRulesAreRefusedWithTheField() {
        IllegalArgumentException name = assertThrows(IllegalArgumentException.class, () -> rule("bad name", 1,
                Effect.ALLOW, List.of(), List.of(), List.of(), List.of(), List.of(), false));
        assertTrue(name.getMessage().startsWith("name"), name.getMessage());
        IllegalArgumentException nearest = assertThrows(IllegalArgumentException.class, () -> rule("n", 1,
                Effect.DENY, List.of(), List.of(), List.of(), List.of(), List.of(), true));
        assertTrue(nearest.getMessage().startsWith("nearestOnly"), nearest.getMessage());
        IllegalArgumentException blank = assertThrows(IllegalArgumentException.class, () -> rule("b", 1,
                Effect.DENY, List.of(" "), List.of(), List.of(), List.of(), List.of(), false));
        assertTrue(blank.getMessage().startsWith("users"), blank.getMessage());
        IllegalArgumentException effect = assertThrows(IllegalArgumentException.class, () -> PolicyRules.parse("e", 1,
                "MAYBE", List.of(), List.of(), List.of(), List.of(), List.of(), false));
        assertTrue(effect.getMessage().startsWith("effect"), effect.getMessage());
    }

    @Test
    void globsAndIds() {
        assertTrue(Globs.matches("kiosk-?", "KIOSK-7"));
        assertTrue(Globs.matches("*a*b*", "xxaxxbxx"));
        assertEquals(false, Globs.matches("a*b", "acbd"));
        assertEquals("cups.Queue_One_2_", VmPrinterIds.of("cups", "Queue One.2/"));
    }
}
