package org.deskplane.server.tests;

import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;

/** Test classes that talk to the server under test as the first-start administrator. */
abstract class SignedInAsAdmin {

    static ApiClient api;
    static String adminToken;

    @BeforeAll
    static void connectAsAdmin() throws Exception {
        api = ApiClient.connect(Duration.ofSeconds(60));
        adminToken = api.login("admin", ApiClient.adminPassword());
    }
}
