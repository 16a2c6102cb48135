package org.deskplane.modules.rest.internal;

import java.time.Instant;
import java.util.List;

import org.deskplane.modules.api.ModuleInfo;
import org.deskplane.modules.api.ModuleRequest;
import org.deskplane.modules.api.PolicyRule;
import org.deskplane.modules.api.Registration;
import org.deskplane.modules.api.TrustedCertificate;

/** JSON shapes of the module routes: flat records with stable field names, independent of the API's records. */
final class ModuleDtos {

    private ModuleDtos() {
    }

    record Module(String id, String symbolicName, String version, String state, String signer, String signerSha256,
            String sha256, long size, String message, Instant storedAt) {

        static Module of(ModuleInfo m) {
            return new Module(m.id(), m.symbolicName(), m.version(), m.state() == null ? null : m.state().name(),
                    m.signer(), m.signerSha256(), m.sha256(), m.size(), m.message() == null ? "" : m.message(),
                    m.storedAt());
        }
    }

    /** One request of the history; the requester is flattened so that tables can show it column by column. */
    record Request(long id, Instant time, String vmId, String image, String user, boolean admin, String source,
            String verb, String target, String status, String message, boolean restartRequired) {

        static Request of(ModuleRequest r) {
            return new Request(r.id(), r.time(), r.requester().vmId(), r.requester().image(), r.requester().user(),
                    r.requester().admin(), r.requester().source(), r.verb() == null ? null : r.verb().name(),
                    r.target(), r.status() == null ? null : r.status().name(), r.message() == null ? "" : r.message(),
                    r.restartRequired());
        }
    }

    record RegistrationDto(String image, String symbolicName, String version, String registeredBy, Instant time) {

        static RegistrationDto of(Registration r) {
            return new RegistrationDto(r.image(), r.symbolicName(), r.version(), r.registeredBy(), r.time());
        }
    }

    /** POST /modules/registrations. */
    record NewRegistration(String image, String name, String version) {
    }

    record Certificate(String alias, String subject, String issuer, Instant notBefore, Instant notAfter,
            String sha256) {

        static Certificate of(TrustedCertificate c) {
            return new Certificate(c.alias(), c.subject(), c.issuer(), c.notBefore(), c.notAfter(), c.sha256());
        }
    }

    /** POST /modules/trust: a certificate in PEM (or base64 DER) text. */
    record NewCertificate(String alias, String pem) {
    }

    /** A policy rule as clients read and write it; verbs by name. Missing lists mean "empty". */
    record Rule(String id, Integer order, List<String> vms, List<String> images, List<String> verbs,
            List<String> modules, List<String> signers, Boolean allow) {

        static Rule of(PolicyRule r) {
            return new Rule(r.id(), r.order(), sorted(r.vms()), sorted(r.images()),
                    r.verbs().stream().map(Enum::name).sorted().toList(), sorted(r.modules()), sorted(r.signers()),
                    r.allow());
        }

        private static List<String> sorted(java.util.Set<String> values) {
            return values.stream().sorted().toList();
        }
    }

    /** One whitelisted configuration setting. */
    record Setting(String setting, String description) {
    }
}
