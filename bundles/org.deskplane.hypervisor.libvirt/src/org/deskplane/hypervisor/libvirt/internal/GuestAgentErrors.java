package org.deskplane.hypervisor.libvirt.internal;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.deskplane.hypervisor.api.HypervisorException;
import org.deskplane.hypervisor.api.HypervisorException.Kind;

/**
 * Sorts libvirt's failures of {@code virDomainQemuAgentCommand} into what they mean for a caller. libvirt
 * reports three different things as errors: the agent's own error answer ("unable to execute QEMU agent
 * command 'x': desc"), which is a normal QGA response and is given back as one ({@code {"error": ...}}); an
 * agent that is absent or silent (VIR_ERR_AGENT_UNRESPONSIVE, newer than libvirt-java's enum, so told apart by
 * message); and a VM without an agent channel.
 */
final class GuestAgentErrors {

    private static final Pattern AGENT_ERROR = Pattern.compile("unable to execute QEMU agent command '([^']*)': (.*)",
            Pattern.DOTALL);

    private GuestAgentErrors() {
    }

    /** The agent's error answer as a QGA response object, or the failure re-kinded for the caller. */
    static String responseOrThrow(HypervisorException e) throws HypervisorException {
        // libvirt's own words: a NotSupportedException's message is generic, the cause keeps them
        String message = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage()
                : String.valueOf(e.getMessage());
        Matcher agentError = AGENT_ERROR.matcher(message);
        if (agentError.find()) {
            String description = agentError.group(2).strip();
            return "{\"error\":{\"class\":\"" + errorClass(description) + "\",\"desc\":" + quote(description) + "}}";
        }
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("guest agent is not configured")) {
            throw new HypervisorException(Kind.INVALID, "the VM has no QEMU guest agent channel ("
                    + "<channel type='unix'><target type='virtio' name='org.qemu.guest_agent.0'/>): " + message, e);
        }
        if (lower.contains("guest agent is not connected")) {
            throw new HypervisorException(Kind.INVALID, "no QEMU guest agent is running in the VM: " + message, e);
        }
        if (lower.contains("guest agent is not responding") || lower.contains("not available for now")
                || lower.contains("timed out") || lower.contains("timeout")) {
            throw new HypervisorException(Kind.TIMEOUT, message, e);
        }
        throw e;
    }

    /** QGA's error classes, recovered from the description libvirt kept. */
    private static String errorClass(String description) {
        String lower = description.toLowerCase(Locale.ROOT);
        if (lower.contains("has not been found")) {
            return "CommandNotFound";
        }
        if (lower.contains("has been disabled")) {
            return "CommandDisabled";
        }
        return "GenericError";
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
