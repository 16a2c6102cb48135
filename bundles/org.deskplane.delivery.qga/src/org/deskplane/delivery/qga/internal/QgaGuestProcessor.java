package org.deskplane.delivery.qga.internal;

import java.time.Duration;

import org.deskplane.delivery.api.DeliveryException;
import org.deskplane.delivery.api.DeliveryException.Reason;
import org.deskplane.delivery.spi.GuestJob;
import org.deskplane.delivery.spi.GuestProcessor;
import org.deskplane.delivery.spi.GuestStatus;
import org.deskplane.delivery.spi.MediaLocation;
import org.deskplane.delivery.spi.VmTarget;
import org.deskplane.hypervisor.api.VmState;
import org.deskplane.qga.api.GuestExecResult;
import org.deskplane.qga.hypervisor.VmGuestAgents;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Processes payloads in guests that run only QEMU's guest agent: guest-exec starts a detached runner
 * ({@link RunnerScript}); status, cancel and release are short guest-exec calls on the job's folder.
 */
@Component(service = GuestProcessor.class, configurationPid = QgaGuestProcessor.PID,
        property = { GuestProcessor.NAME_PROPERTY + "=" + QgaGuestProcessor.NAME, "service.ranking:Integer=10" })
@Designate(ocd = QgaDeliveryConfig.class)
public final class QgaGuestProcessor implements GuestProcessor {

    static final String PID = "org.deskplane.delivery.qga";
    static final String NAME = "qemu-ga";
    static final String AGENT_CHANNEL = "org.qemu.guest_agent.0";

    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile VmGuestAgents agents;

    private volatile GuestCalls calls;
    private volatile GuestPaths paths;

    public QgaGuestProcessor() {
        this.calls = GuestCalls.through(() -> agents);
    }

    /** For tests: a guest agent reached another way than through the hypervisor. */
    QgaGuestProcessor(GuestAgentAccess access, GuestPaths paths) {
        this.calls = new GuestCalls(access);
        this.paths = paths;
    }

    @Activate
    @Modified
    void configure(QgaDeliveryConfig config) {
        this.paths = GuestPaths.of(config);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int rank() {
        return 10;
    }

    @Override
    public boolean canReach(VmTarget vm) {
        return vm.info().state() == VmState.RUNNING && hasAgentChannel(vm);
    }

    static boolean hasAgentChannel(VmTarget vm) {
        return vm.info().channels().stream().anyMatch(c -> AGENT_CHANNEL.equals(c.name()));
    }

    @Override
    public void prepare(VmTarget vm, GuestJob job, Duration timeout) throws DeliveryException {
        String jobDir = paths.jobDir(job.jobId());
        calls.with(vm, timeout, "prepare", client -> {
            client.ping();
            // the CD-ROM drivers may be modules; absent ones are fine (built in, or the payload comes another way)
            GuestCalls.sh(client, timeout, "for m in sr_mod cdrom iso9660; do modprobe \"$m\" >/dev/null 2>&1; done; "
                    + "mkdir -p \"$1\" && chmod 700 \"$1\"", jobDir);
            return null;
        });
    }

    @Override
    public void start(VmTarget vm, GuestJob job, MediaLocation where, Duration timeout) throws DeliveryException {
        String jobDir = paths.jobDir(job.jobId());
        String script = RunnerScript.of(job.jobId(), jobDir, paths.mountPoint(job.jobId()), where, job.manifest());
        calls.with(vm, timeout, "start", client -> {
            GuestExecResult started = GuestCalls.sh(client, timeout, "[ -e \"$1/started\" ]", jobDir);
            if (started.exitCode() == 0) {
                return null; // this job was started before: starting is idempotent per job id
            }
            GuestExecResult made = GuestCalls.sh(client, timeout, "mkdir -p \"$1\" && chmod 700 \"$1\"", jobDir);
            if (made.exitCode() != 0) {
                throw new DeliveryException(Reason.FAILED, "cannot create " + jobDir + " in the guest: " + GuestCalls.output(made));
            }
            client.writeFile(jobDir + "/" + RunnerScript.CHECKSUMS, GuestCalls.utf8(Checksums.of(job.manifest())));
            client.writeFile(jobDir + "/" + RunnerScript.SCRIPT, GuestCalls.utf8(script));
            // setsid: the runner leads its own process group (cancel kills the group) and outlives guest-exec;
            // no output reaches guest-exec's pipes, so guest-exec-status reports the launcher done at once
            GuestExecResult launched = GuestCalls.sh(client, timeout, ": > \"$1/started\" && cd / && "
                    + "setsid /bin/sh \"$1/run.sh\" < /dev/null > /dev/null 2>&1 &", jobDir);
            if (launched.exitCode() != 0) {
                throw new DeliveryException(Reason.FAILED, "cannot start the payload runner: " + GuestCalls.output(launched));
            }
            return null;
        });
    }

    @Override
    public GuestStatus status(VmTarget vm, String jobId, int logFrom, Duration timeout) throws DeliveryException {
        String jobDir = paths.jobDir(jobId);
        int from = Math.max(0, logFrom);
        return calls.with(vm, timeout, "status", client -> {
            GuestExecResult probe = GuestCalls.sh(client, timeout, StatusReport.PROBE, jobDir, Integer.toString(from + 1));
            return StatusReport.parse(probe.stdoutText(), from);
        });
    }

    @Override
    public void cancel(VmTarget vm, String jobId, Duration timeout) throws DeliveryException {
        String jobDir = paths.jobDir(jobId);
        calls.with(vm, timeout, "cancel", client -> {
            GuestCalls.sh(client, timeout, """
                    d=$1
                    [ -f "$d/pid" ] || exit 0
                    grep -Eq '^state=(SUCCEEDED|FAILED|CANCELLED)$' "$d/status" 2>/dev/null && exit 0
                    p=$(cat "$d/pid")
                    kill -TERM -"$p" 2>/dev/null
                    i=0
                    while kill -0 "$p" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i+1)); done
                    kill -KILL -"$p" 2>/dev/null
                    printf 'state=CANCELLED\\nprogress=100\\nexit=\\nmessage=cancelled\\n' > "$d/status.tmp" && mv -f "$d/status.tmp" "$d/status"
                    echo 'deskplane: CANCELLED' >> "$d/log"
                    exit 0
                    """, jobDir);
            return null;
        });
    }

    @Override
    public void release(VmTarget vm, String jobId, Duration timeout) throws DeliveryException {
        String jobDir = paths.jobDir(jobId);
        String mountPoint = paths.mountPoint(jobId);
        calls.with(vm, timeout, "release", client -> {
            GuestExecResult released = GuestCalls.sh(client, timeout, """
                    d=$1; m=$2
                    if [ -f "$d/pid" ]; then kill -KILL -"$(cat "$d/pid")" 2>/dev/null; fi
                    if [ -e "$d/mounted" ] || grep -q " $m " /proc/mounts 2>/dev/null; then
                      umount "$m" 2>/dev/null || umount -l "$m" || exit 3
                    fi
                    [ -d "$m" ] && rmdir "$m"
                    rm -rf -- "$d"
                    """, jobDir, mountPoint);
            if (released.exitCode() != 0) {
                throw new DeliveryException(Reason.TRANSIENT, "cannot release job " + jobId + " in the guest: " + GuestCalls.output(released));
            }
            return null;
        });
    }
}
