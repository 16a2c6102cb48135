package org.deskplane.layers.pivot;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;

/**
 * Main class of the child JVM that {@link PivotKillTest} kills: says READY, waits for GO on stdin, pivots, says DONE
 * with the pivot's duration in nanoseconds.
 */
public final class PivotKillChild {

    private PivotKillChild() {
    }

    public static void main(String[] args) throws Exception {
        Path state = Path.of(args[0]);
        Path root = Path.of(args[1]);
        Pivot pivot = new Pivot(state);
        System.out.println("READY");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        if (!"GO".equals(in.readLine())) {
            System.exit(2);
        }
        long start = System.nanoTime();
        pivot.apply(root);
        System.out.println("DONE " + (System.nanoTime() - start));
        System.out.flush();
    }
}
