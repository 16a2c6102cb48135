package org.deskplane.print.wire;

import java.util.ArrayList;
import java.util.List;

import org.deskplane.print.routing.SpoolState;
import org.deskplane.print.routing.SpooledJob;

/**
 * A job as the guest is told about it (answers to submit, status and cancel, and job-changed events).
 *
 * @param id the router's job id (= the guest's idempotency key)
 * @param state where the job is in the host's spool
 * @param reason why, "" if nothing to say
 * @param pages pages printed so far (0 if unknown)
 * @param bytes document bytes the host spooled
 */
public record JobInfo(String id, SpoolState state, String reason, int pages, long bytes) {

    public static JobInfo of(SpooledJob job) {
        return new JobInfo(job.id(), job.state(), job.reason(), job.pages(), job.bytes());
    }

    public void write(WireWriter w) {
        w.str(id).str(state.name()).str(reason).i32(pages).i64(bytes);
    }

    public static JobInfo read(WireReader r) throws WireException {
        String id = r.str();
        String state = r.str();
        SpoolState s;
        try {
            s = SpoolState.valueOf(state);
        } catch (IllegalArgumentException e) {
            throw WireReader.invalid("job state " + state);
        }
        return new JobInfo(id, s, r.str(), r.i32(), r.i64());
    }

    public static void writeList(WireWriter w, List<JobInfo> jobs) {
        w.count(jobs.size());
        jobs.forEach(j -> j.write(w));
    }

    public static List<JobInfo> readList(WireReader r) throws WireException {
        int n = r.count();
        List<JobInfo> jobs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            jobs.add(read(r));
        }
        return jobs;
    }
}
