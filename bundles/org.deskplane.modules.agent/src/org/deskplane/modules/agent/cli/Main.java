package org.deskplane.modules.agent.cli;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * {@code deskplane-module}: the guest's command line for extension modules. Talks to the agent's control endpoint on
 * 127.0.0.1 ({@link LocalProtocol}); needs nothing but the JDK ({@code java -cp <bundle jar> ...Main}). Prints the
 * status name and message, then details; exits 0 ok, 2 not found, 3 denied or untrusted, 1 anything else.
 */
public final class Main {
    static final String USAGE = """
            usage: deskplane-module [--port N] COMMAND ARGS
              query NAME [RANGE]               is the module present (in the OSGi version range)?
              upload JAR [--load] [--register] upload a signed bundle (then load it / register it for this VM's image)
              load NAME VERSION                load a stored module
              unload NAME VERSION              unload a loaded module
              register NAME VERSION            load it before this VM starts, every time
              unregister NAME VERSION
              replace NAME NEW_VERSION         replace the loaded version(s) by NEW_VERSION
              configure PID KEY VALUE          set a whitelisted configuration property
              status REQUEST_ID                the outcome of an earlier request
              call VERB [--data TEXT | --file FILE|-]  a verb a protocol module added; its answer goes to stdout
            the port defaults to $DESKPLANE_MODULE_PORT or 8632; exit codes: 0 ok, 2 not found, 3 denied/untrusted, 1 other""";

    private final PrintStream out;
    private final PrintStream err;
    private final InputStream stdin;

    Main(PrintStream out, PrintStream err, InputStream stdin) {
        this.out = out;
        this.err = err;
        this.stdin = stdin;
    }

    public static void main(String[] args) {
        System.exit(new Main(System.out, System.err, System.in).run(args));
    }

    /** Runs one command; returns the exit code (tests call this instead of {@link #main}). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return new Main(out, err, InputStream.nullInputStream()).run(args);
    }

    int run(String[] args) {
        List<String> a = new ArrayList<>(List.of(args));
        int port = defaultPort();
        try {
            if (a.size() >= 2 && a.get(0).equals("--port")) {
                port = Integer.parseInt(a.get(1));
                a = a.subList(2, a.size());
            }
        } catch (NumberFormatException e) {
            return usage("--port needs a number");
        }
        if (a.isEmpty() || a.get(0).equals("-h") || a.get(0).equals("--help")) {
            out.println(USAGE);
            return a.isEmpty() ? 1 : 0;
        }
        String command = a.get(0);
        List<String> rest = a.subList(1, a.size());
        try {
            return switch (command) {
                case "query" -> rest.size() == 1 || rest.size() == 2
                        ? simple(port, List.of("query", rest.get(0), rest.size() == 2 ? rest.get(1) : ""))
                        : usage("query NAME [RANGE]");
                case "load", "unload", "register", "unregister", "replace" -> rest.size() == 2
                        ? simple(port, List.of(command, rest.get(0), rest.get(1)))
                        : usage(command + " NAME VERSION");
                case "configure" -> rest.size() == 3
                        ? simple(port, List.of(command, rest.get(0), rest.get(1), rest.get(2)))
                        : usage("configure PID KEY VALUE");
                case "status" -> rest.size() == 1 && rest.get(0).matches("[0-9]{1,18}")
                        ? simple(port, List.of(command, rest.get(0)))
                        : usage("status REQUEST_ID");
                case "upload" -> upload(port, rest);
                case "call" -> call(port, rest);
                default -> usage("unknown command '" + command + "'");
            };
        } catch (IOException e) {
            out.println("UNAVAILABLE: the Deskplane agent does not answer on 127.0.0.1:" + port + " (" + e.getMessage() + ")");
            return 1;
        }
    }

    private int simple(int port, List<String> tokens) throws IOException {
        return printed(exchange(port, tokens, null, 0));
    }

    private int upload(int port, List<String> rest) throws IOException {
        String jar = null;
        boolean load = false;
        boolean register = false;
        for (String s : rest) {
            switch (s) {
                case "--load" -> load = true;
                case "--register" -> register = true;
                default -> {
                    if (jar != null || s.startsWith("--")) {
                        return usage("upload JAR [--load] [--register]");
                    }
                    jar = s;
                }
            }
        }
        if (jar == null) {
            return usage("upload JAR [--load] [--register]");
        }
        Path file = Path.of(jar);
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            out.println("INVALID: cannot read " + file);
            return 1;
        }
        long size = Files.size(file);
        String sha = sha256(file);
        String then = load && register ? "load+register" : load ? "load" : register ? "register" : "-";
        try (InputStream in = Files.newInputStream(file)) {
            return printed(exchange(port, List.of("upload", Long.toString(size), sha, then), in, size));
        }
    }

    private int call(int port, List<String> rest) throws IOException {
        if (rest.isEmpty() || rest.size() == 2 || rest.size() > 3) {
            return usage("call VERB [--data TEXT | --file FILE|-]");
        }
        byte[] body = new byte[0];
        if (rest.size() == 3) {
            switch (rest.get(1)) {
                case "--data" -> body = rest.get(2).getBytes(StandardCharsets.UTF_8);
                case "--file" -> body = rest.get(2).equals("-") ? stdin.readNBytes(LocalProtocol.MAX_CALL_BODY + 1)
                        : Files.readAllBytes(Path.of(rest.get(2)));
                default -> {
                    return usage("call VERB [--data TEXT | --file FILE|-]");
                }
            }
        }
        if (body.length > LocalProtocol.MAX_CALL_BODY) {
            out.println("TOO_LARGE: a call body is at most " + LocalProtocol.MAX_CALL_BODY + " bytes");
            return 1;
        }
        LocalProtocol.Response r = exchange(port, List.of("call", rest.get(0), Integer.toString(body.length)),
                new java.io.ByteArrayInputStream(body), body.length);
        // the module's answer is data: it alone goes to stdout, the status to stderr
        err.println(r.status() + (r.message().isEmpty() ? "" : ": " + r.message()));
        out.write(r.body(), 0, r.body().length);
        out.flush();
        return LocalProtocol.exitCode(r.status());
    }

    private int printed(LocalProtocol.Response r) {
        out.println(r.status() + (r.message().isEmpty() ? "" : ": " + r.message()));
        if (r.body().length > 0) {
            String text = new String(r.body(), StandardCharsets.UTF_8);
            out.print(text.endsWith("\n") ? text : text + "\n");
        }
        out.flush();
        return LocalProtocol.exitCode(r.status());
    }

    private static LocalProtocol.Response exchange(int port, List<String> tokens, InputStream body, long length)
            throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            OutputStream o = new BufferedOutputStream(socket.getOutputStream(), 64 << 10);
            LocalProtocol.writeRequest(o, tokens);
            if (body != null) {
                long copied = body.transferTo(o);
                if (copied != length) {
                    throw new IOException("the file changed while it was sent (" + copied + " of " + length + " bytes)");
                }
            }
            o.flush();
            socket.shutdownOutput();
            return LocalProtocol.readResponse(new BufferedInputStream(socket.getInputStream()));
        }
    }

    private int usage(String problem) {
        err.println("deskplane-module: " + problem);
        err.println(USAGE);
        return 1;
    }

    private static int defaultPort() {
        String env = System.getenv("DESKPLANE_MODULE_PORT");
        try {
            return env == null || env.isBlank() ? LocalProtocol.DEFAULT_PORT : Integer.parseInt(env.trim());
        } catch (NumberFormatException e) {
            return LocalProtocol.DEFAULT_PORT;
        }
    }

    private static String sha256(Path file) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
