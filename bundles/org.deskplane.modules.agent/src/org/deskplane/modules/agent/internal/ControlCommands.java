package org.deskplane.modules.agent.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.deskplane.channel.api.ChannelException;
import org.deskplane.modules.agent.api.ModuleRequester;
import org.deskplane.modules.agent.cli.LocalProtocol;
import org.deskplane.modules.agent.cli.LocalProtocol.Response;
import org.deskplane.modules.api.ModuleInfo;
import org.deskplane.modules.wire.ModuleAnswer;
import org.deskplane.modules.wire.ModuleWire;

/** The local control endpoint's commands: one request line (and body) in, one response out. */
final class ControlCommands {

    private final ModuleRequester requester;

    ControlCommands(ModuleRequester requester) {
        this.requester = requester;
    }

    Response run(List<String> tokens, InputStream body) throws IOException {
        String command = tokens.get(0);
        List<String> args = tokens.subList(1, tokens.size());
        return switch (command) {
            case "query" -> args.size() == 2 ? text(requester.query(args.get(0), args.get(1))) : usage("query NAME RANGE");
            case "load" -> args.size() == 2 ? text(requester.load(args.get(0), args.get(1))) : usage("load NAME VERSION");
            case "unload" -> args.size() == 2 ? text(requester.unload(args.get(0), args.get(1))) : usage("unload NAME VERSION");
            case "register" -> args.size() == 2 ? text(requester.register(args.get(0), args.get(1))) : usage("register NAME VERSION");
            case "unregister" -> args.size() == 2 ? text(requester.unregister(args.get(0), args.get(1)))
                    : usage("unregister NAME VERSION");
            case "replace" -> args.size() == 2 ? text(requester.replace(args.get(0), args.get(1))) : usage("replace NAME VERSION");
            case "configure" -> args.size() == 3 ? text(requester.configure(args.get(0), args.get(1), args.get(2)))
                    : usage("configure PID KEY VALUE");
            case "status" -> args.size() == 1 && args.get(0).matches("[0-9]{1,18}")
                    ? text(requester.status(Long.parseLong(args.get(0)))) : usage("status ID");
            case "upload" -> args.size() == 3 ? upload(args, body) : usage("upload SIZE SHA256 THEN");
            case "call" -> args.size() == 2 ? call(args, body) : usage("call VERB LENGTH");
            default -> usage("unknown command '" + command + "'");
        };
    }

    private Response upload(List<String> args, InputStream body) {
        long size;
        try {
            size = Long.parseLong(args.get(0));
        } catch (NumberFormatException e) {
            return usage("upload SIZE SHA256 THEN");
        }
        if (size < 1 || size > ModuleWire.MAX_UPLOAD) {
            return Response.of("TOO_LARGE", "a module is 1.." + ModuleWire.MAX_UPLOAD + " bytes", "");
        }
        String then = args.get(2);
        if (!List.of("-", "load", "register", "load+register").contains(then)) {
            return usage("upload SIZE SHA256 -|load|register|load+register");
        }
        ModuleAnswer stored = requester.upload(body, size, args.get(1));
        List<String> steps = new ArrayList<>();
        steps.add("upload " + stored.status() + (stored.message().isEmpty() ? "" : " " + stored.message()));
        if (!stored.ok() || stored.module() == null || then.equals("-")) {
            return new Response(stored.status(), stored.message(), bytes(AnswerText.of(stored) + AnswerText.steps(List.of())));
        }
        ModuleInfo m = stored.module();
        ModuleAnswer last = stored;
        if (then.contains("load")) {
            last = requester.load(m.symbolicName(), m.version());
            steps.add("load " + last.status() + (last.message().isEmpty() ? "" : " " + last.message()));
        }
        if (last.ok() && then.contains("register")) {
            last = requester.register(m.symbolicName(), m.version());
            steps.add("register " + last.status() + (last.message().isEmpty() ? "" : " " + last.message()));
        }
        String message = last.ok() ? "stored " + m.id() + (then.equals("-") ? "" : " and " + then.replace("+", " and ") + " done")
                : last.message();
        return new Response(last.status(), message, bytes(AnswerText.of(stored) + AnswerText.steps(steps)));
    }

    private Response call(List<String> args, InputStream body) throws IOException {
        int length;
        try {
            length = Integer.parseInt(args.get(1));
        } catch (NumberFormatException e) {
            return usage("call VERB LENGTH");
        }
        if (length < 0 || length > LocalProtocol.MAX_CALL_BODY) {
            return Response.of("TOO_LARGE", "a call body is at most " + LocalProtocol.MAX_CALL_BODY + " bytes", "");
        }
        byte[] request = body.readNBytes(length);
        if (request.length != length) {
            return Response.of("INVALID", "the call body ended after " + request.length + " of " + length + " bytes", "");
        }
        try {
            return new Response("OK", "", requester.call(args.get(0), request));
        } catch (ChannelException e) {
            return Response.of(LocalProtocol.statusOfCode(e.code()), e.getMessage(), "");
        }
    }

    private static Response text(ModuleAnswer a) {
        return new Response(a.status(), a.message(), bytes(AnswerText.of(a)));
    }

    private static Response usage(String usage) {
        return Response.of("INVALID", "usage: " + usage, "");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
