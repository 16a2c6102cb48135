#!/usr/bin/env python3
"""The measuring half of disk-benchmark (the bash half builds the image and compiles DiskBenchmark.java).

Runs every tool ROUNDS times, interleaved (round 1: each tool once, round 2: each tool once, ...), so that machine
load and page-cache state hit all tools alike. CACHE=warm runs each tool once untimed first; CACHE=cold drops the
page cache (sync; echo 3 > /proc/sys/vm/drop_caches, needs root) before every timed run. Every read pipes its
output through `wc -c` and the count must equal the file's size; before timing, each tool's output is checked
once against the file's SHA-256, so no tool is timed doing less than the others.

"Through the API" is the running server product (started as content-load-benchmark starts it): each listing run
defines a new powered-off desktop on that image, so the server opens the image for the first time, then one `curl`
process lists its root; the download is one `curl` process streaming /big.bin (HTTPS, as a client would).
"""
import argparse, importlib.machinery, importlib.util, json, os, shlex, statistics, subprocess, sys, tempfile, time, urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))


def load_content_load_benchmark(port=None):
    """content-load-benchmark as a module; with PORT, an instance of it that talks to a server on that port."""
    path = os.path.join(os.path.dirname(HERE), "content-load-benchmark")
    loader = importlib.machinery.SourceFileLoader(f"content_load_benchmark_{port}", path)
    spec = importlib.util.spec_from_loader(loader.name, loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    if port:
        module.PORT, module.BASE = port, f"https://127.0.0.1:{port}/api"
    return module


def drop_caches():
    subprocess.run(["sync"], check=True)
    with open("/proc/sys/vm/drop_caches", "w") as f:
        f.write("3\n")


def run(command):
    """Wall time in ms of COMMAND (a shell line) and its stdout."""
    t0 = time.perf_counter_ns()
    done = subprocess.run(["sh", "-c", command], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wall = (time.perf_counter_ns() - t0) / 1e6
    if done.returncode != 0:
        raise RuntimeError(f"{command} failed ({done.returncode}): {done.stderr[-2000:]}")
    return wall, done.stdout


class Tool:
    """One timed command; PREPARE (untimed) runs before each timed run; CHECK(stdout) returns an inner time or None."""

    def __init__(self, name, command, check, prepare=None, runs=None):
        self.name, self.command, self.check, self.prepare, self.runs = name, command, check, prepare, runs
        self.walls, self.inner = [], []

    def measure(self, cold):
        command = self.prepare() if self.prepare else self.command
        if cold:
            drop_caches()
        wall, out = run(command)
        self.walls.append(wall)
        inner = self.check(out)
        if inner is not None:
            self.inner.append(inner)


def stats(values):
    if not values:
        return "-"
    med = statistics.median(values)
    return f"{med:.1f} ({min(values):.1f}–{max(values):.1f})"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--image", required=True)
    p.add_argument("--sha256", required=True)
    p.add_argument("--size", type=int, required=True)
    p.add_argument("--java", required=True, help="shell prefix that runs DiskBenchmark")
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--virt-runs", type=int, default=2)
    p.add_argument("--cache", choices=["warm", "cold"], default="warm")
    p.add_argument("--api", action="store_true", help="also measure through the running server's Profile API")
    p.add_argument("--before-java", help="shell prefix that runs DiskBenchmark on an earlier build: interleaved too")
    p.add_argument("--before-product", help="an earlier build of the server product: its API, interleaved too")
    a = p.parse_args()
    image, q = a.image, shlex.quote(a.image)
    cold = a.cache == "cold"

    def count(out):
        n = int(out.split()[0])
        if n != a.size:
            raise RuntimeError(f"read {n} bytes, expected {a.size}")
        return None

    def inner_ms(prefix):
        def check(out):
            fields = out.split()
            if fields[0] != prefix:
                raise RuntimeError(f"unexpected output {out!r}")
            if prefix == "read-ms" and int(fields[2]) != a.size:
                raise RuntimeError(f"read {fields[2]} bytes, expected {a.size}")
            return float(fields[1])
        return check

    listing = [
        Tool("disk stack CLI (java)", f"{a.java} list {q}", inner_ms("list-ms")),
        Tool("7z l", f"7z l {q} | wc -l", lambda out: None),
        Tool("virt-ls", f"virt-ls --format=qcow2 -a {q} -m /dev/sda1 / | wc -l", lambda out: None, runs=a.virt_runs),
    ]
    reading = [
        Tool("disk stack CLI (java)", f"{a.java} read {q} /big.bin", inner_ms("read-ms")),
        Tool("7z e -so | wc -c", f"7z e -so {q} big.bin | wc -c", count),
        Tool("virt-cat | wc -c", f"virt-cat --format=qcow2 -a {q} -m /dev/sda1 /big.bin | wc -c", count, runs=a.virt_runs),
    ]
    if a.before_java:
        listing.insert(1, Tool("disk stack CLI (java), before", f"{a.before_java} list {q}", inner_ms("list-ms")))
        reading.insert(1, Tool("disk stack CLI (java), before", f"{a.before_java} read {q} /big.bin", inner_ms("read-ms")))
    checks = {
        "disk stack CLI (java)": f"{a.java} sha256 {q} /big.bin",
        "7z e -so": f"7z e -so {q} big.bin | sha256sum",
    }

    servers = []
    work = tempfile.mkdtemp(prefix="deskplane-disk-benchmark-api-")

    def api_tools(label, product, port):
        """Starts a server product (PRODUCT, or the built one) and adds its listing and download to the tools."""
        clb = load_content_load_benchmark(port)
        if product:
            os.environ["DESKPLANE_PRODUCT"] = product
        try:
            proc, admin = clb.start_server(os.path.join(work, f"data-{port}"), port)
        finally:
            os.environ.pop("DESKPLANE_PRODUCT", None)
        servers.append((clb, proc))
        header = os.path.join(work, f"auth-{port}")
        with open(header, "w") as f:
            f.write(f"Authorization: Bearer {admin}\n")
        curl = f"curl -sS --fail -k -H @{header}"
        desktops = []

        def fresh_desktop():
            vm = clb.define_desktop(admin, f"disk-bench-{len(desktops)}", image, "admin")
            source = urllib.parse.quote(f"vm:demo-1:{vm}", safe=":")
            desktops.append(source)
            return source

        def api_list_command():
            source = fresh_desktop()
            return (f"{curl} -o /dev/null -w '%{{http_code}} %{{time_pretransfer}} %{{time_total}}' "
                    f"'{clb.BASE}/profile/sources/{source}/entries?path=/'")

        def curl_times(out):
            code, pretransfer, total = out.split()
            if code != "200":
                raise RuntimeError(f"listing answered {code}")
            return (float(total) - float(pretransfer)) * 1000  # the request itself, after connect (+ TLS)

        read_source = fresh_desktop()
        download = f"{curl} '{clb.BASE}/profile/sources/{read_source}/content?path=/big.bin'"
        listing.insert(0, Tool(f"Profile API{label}, new desktop (curl)", None, curl_times, prepare=api_list_command))
        reading.insert(0, Tool(f"Profile API{label} download (curl | wc -c)", f"{download} | wc -c", count))
        checks[f"Profile API{label} download (curl)"] = f"{download} | sha256sum"
        # the same route on the server's local API socket (org.deskplane.server.localapi): no TLS for local tools
        sock = os.path.join(work, f"data-{port}", "run", "api.sock")
        if os.path.exists(sock):
            local_curl = f"curl -sS --fail -H @{header} --unix-socket {sock}"

            def local_list_command():
                source = fresh_desktop()
                return (f"{local_curl} -o /dev/null -w '%{{http_code}} %{{time_pretransfer}} %{{time_total}}' "
                        f"'http://localhost/api/profile/sources/{source}/entries?path=/'")

            listing.insert(1, Tool(f"Profile API{label}, new desktop, local socket (curl --unix-socket)", None,
                                   curl_times, prepare=local_list_command))
            local = f"{local_curl} 'http://localhost/api/profile/sources/{read_source}/content?path=/big.bin'"
            reading.insert(1, Tool(f"Profile API{label} download, local socket (curl --unix-socket | wc -c)",
                                   f"{local} | wc -c", count))
            checks[f"Profile API{label} download (local socket)"] = f"{local} | sha256sum"

    try:
        if a.api and a.before_product:
            api_tools(", before", a.before_product, 28945)
        if a.api:
            api_tools("", os.environ.get("DESKPLANE_PRODUCT"), 28944)

        for name, command in checks.items():
            got = run(command)[1].split()[0]
            if got != a.sha256:
                raise RuntimeError(f"{name} gave SHA-256 {got}, expected {a.sha256}")
            print(f"checked: {name} yields the file's SHA-256", file=sys.stderr)

        tools = listing + reading
        if not cold:
            for tool in tools:
                if tool.runs != 0:
                    run(tool.prepare() if tool.prepare else tool.command)  # untimed: fills the page cache
        load_before = os.getloadavg()
        for r in range(a.rounds):
            for tool in tools:
                if tool.runs is None or r < tool.runs:
                    tool.measure(cold)
            print(f"round {r + 1}/{a.rounds} done", file=sys.stderr)
        load_after = os.getloadavg()
    finally:
        for clb, proc in servers:
            clb.stop_server(proc)
        subprocess.run(["rm", "-rf", work])

    print(f"\nimage: {image} ({os.path.getsize(image) >> 20} MiB); page cache: {a.cache}; {a.rounds} interleaved rounds "
          f"(virt-* {a.virt_runs}); load average before {load_before[0]:.2f}, after {load_after[0]:.2f}; {os.cpu_count()} cores")
    print("times in ms: median (min–max)\n")
    print(f"| {'measure':<44} | {'process wall':>24} | {'inner':>24} | all process runs |")
    print(f"|{'-' * 46}|{'-' * 26}|{'-' * 26}|---|")
    for title, group in (("first listing of /", listing), ("read /big.bin", reading)):
        for tool in group:
            runs = " ".join(f"{w:.0f}" for w in tool.walls)
            print(f"| {title + ': ' + tool.name:<44} | {stats(tool.walls):>24} | {stats(tool.inner):>24} | {runs} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
