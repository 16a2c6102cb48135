package org.deskplane.qga.api;

import java.util.List;

/** What {@code guest-info} reports: the agent's version and the commands it offers (enabled ones only). */
public record GuestAgentInfo(String version, List<String> enabledCommands) {

    public GuestAgentInfo {
        enabledCommands = List.copyOf(enabledCommands);
    }

    public boolean supports(String command) {
        return enabledCommands.contains(command);
    }
}
