package org.deskplane.content.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The form factor content policies decide on, guessed from the User-Agent. */
class FormFactorTest {

    private record Agent(String userAgent, String formFactor) {
    }

    @TestFactory
    Stream<DynamicTest> userAgents() {
        return Stream.of(
                new Agent("Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                        + "Version/17.4 Mobile/15E148 Safari/604.1", "phone"),
                new Agent("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
                        + "Chrome/124.0.0.0 Mobile Safari/537.36", "phone"),
                new Agent("Mozilla/5.0 (Linux; Android 13; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) "
                        + "Chrome/124.0.0.0 Safari/537.36", "tablet"),
                // an iPad says "Mobile" too: it is still a tablet
                new Agent("Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                        + "Version/17.4 Mobile/15E148 Safari/604.1", "tablet"),
                new Agent("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                        + "Chrome/124.0.0.0 Safari/537.36", "desktop"),
                new Agent("Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0", "desktop"),
                new Agent("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                        + "Version/17.4 Safari/605.1.15", "desktop"),
                new Agent("curl/8.5.0", "desktop"),
                new Agent("", "desktop"))
                .map(row -> DynamicTest.dynamicTest(row.formFactor() + ": " + row.userAgent(),
                        () -> assertEquals(row.formFactor(), ProfileResource.formFactor(row.userAgent()))));
    }
}
