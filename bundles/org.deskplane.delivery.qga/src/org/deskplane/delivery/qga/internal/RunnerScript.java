package org.deskplane.delivery.qga.internal;

import java.util.List;

import org.deskplane.delivery.api.PayloadManifest;
import org.deskplane.delivery.api.Step;
import org.deskplane.delivery.spi.MediaLocation;

/**
 * The shell script that processes one job in the guest, detached from guest-exec: it finds the payload, checks its
 * files, runs the steps from the payload root and writes its state to {@code <job>/status} (replaced atomically with
 * mv) and what the steps print to {@code <job>/log}. Every value from outside is single-quoted ({@link Shell#quote}).
 */
final class RunnerScript {

    static final String SCRIPT = "run.sh";
    static final String CHECKSUMS = "checksums";

    private RunnerScript() {
    }

    static String of(String jobId, String jobDir, String mountPoint, MediaLocation where, PayloadManifest manifest) {
        StringBuilder s = new StringBuilder();
        s.append("# Deskplane payload runner (QEMU guest agent path)\n");
        s.append("JOB=").append(Shell.quote(jobId)).append('\n');
        s.append("JOBDIR=").append(Shell.quote(jobDir)).append('\n');
        s.append("MNT=").append(Shell.quote(mountPoint)).append('\n');
        s.append("KIND=").append(where.kind() == MediaLocation.Kind.VOLUME_LABEL ? "label" : "dir").append('\n');
        s.append("WHERE=").append(Shell.quote(where.value())).append('\n');
        s.append("""
                echo $$ > "$JOBDIR/pid"
                status() {
                  printf 'state=%s\\nprogress=%s\\nexit=%s\\nmessage=%s\\n' "$1" "$2" "$3" "$4" > "$JOBDIR/status.tmp" \\
                    && mv -f "$JOBDIR/status.tmp" "$JOBDIR/status"
                }
                log() { printf '%s\\n' "$*" >> "$JOBDIR/log"; }
                finish() { log "deskplane: $1 (exit $2): $3"; status "$1" 100 "$2" "$3"; exit 0; }
                status RUNNING 0 '' 'looking for the payload'
                if [ "$KIND" = label ]; then
                  DEV=$(blkid -L "$WHERE" 2>/dev/null)
                  if [ -z "$DEV" ]; then
                    for d in /dev/sr* /dev/vd* /dev/sd* /dev/xvd*; do
                      [ -b "$d" ] || continue
                      if [ "$(blkid -o value -s LABEL "$d" 2>/dev/null)" = "$WHERE" ]; then DEV=$d; break; fi
                    done
                  fi
                  [ -n "$DEV" ] || finish FAILED 1 "no disc labelled $WHERE"
                  mkdir -p "$MNT" || finish FAILED 1 "cannot create $MNT"
                  mount -t iso9660 -o ro "$DEV" "$MNT" >> "$JOBDIR/log" 2>&1 || finish FAILED 1 "cannot mount $DEV"
                  : > "$JOBDIR/mounted"
                  ROOT=$MNT
                else
                  ROOT=$WHERE
                fi
                cd "$ROOT" || finish FAILED 1 "cannot enter $ROOT"
                status RUNNING 5 '' 'checking SHA-256 of the payload files'
                sha256sum -c --quiet "$JOBDIR/checksums" >> "$JOBDIR/log" 2>&1 || finish FAILED 1 'payload files do not match their SHA-256'
                DESKPLANE_PAYLOAD_DIR=$ROOT
                DESKPLANE_JOB=$JOB
                export DESKPLANE_PAYLOAD_DIR DESKPLANE_JOB
                """);
        List<Step> steps = manifest.steps();
        for (int i = 0; i < steps.size(); i++) {
            step(s, steps.get(i), 10 + 90 * i / steps.size());
        }
        s.append("finish SUCCEEDED 0 ").append(Shell.quote(manifest.rebootRequired() ? "done; the guest should restart" : "done")).append('\n');
        return s.toString();
    }

    private static void step(StringBuilder s, Step step, int progress) {
        String source = Shell.quote(step.source());
        if (step.kind() == Step.Kind.COPY) {
            String what = "copy " + step.source() + " => " + step.target();
            String dir = step.target().endsWith("/") ? step.target() : parent(step.target());
            s.append("status RUNNING ").append(progress).append(" '' ").append(Shell.quote(what)).append('\n');
            s.append("log ").append(Shell.quote("deskplane: " + what)).append('\n');
            s.append("mkdir -p ").append(Shell.quote(dir)).append(" >> \"$JOBDIR/log\" 2>&1 && cp -f ").append(source).append(' ')
                    .append(Shell.quote(step.target())).append(" >> \"$JOBDIR/log\" 2>&1 || finish FAILED $? ")
                    .append(Shell.quote(what + " failed")).append('\n');
        } else {
            String what = "run " + step.source();
            s.append("status RUNNING ").append(progress).append(" '' ").append(Shell.quote(what)).append('\n');
            s.append("log ").append(Shell.quote("deskplane: " + what)).append('\n');
            s.append("/bin/sh ./").append(source);
            step.args().forEach(a -> s.append(' ').append(Shell.quote(a)));
            s.append(" < /dev/null >> \"$JOBDIR/log\" 2>&1\n");
            s.append("RC=$?; [ $RC -eq 0 ] || finish FAILED $RC ").append(Shell.quote(step.source() + " failed")).append('\n');
        }
    }

    private static String parent(String target) {
        int slash = target.lastIndexOf('/');
        return slash <= 0 ? "/" : target.substring(0, slash);
    }
}
