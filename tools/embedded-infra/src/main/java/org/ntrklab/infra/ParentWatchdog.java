package org.ntrklab.infra;

import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Entry point of a supervised child JVM: ends the child when its parent process ends, however the
 * parent ended (even by SIGKILL, when no shutdown hook runs), then hands over to the real main class.
 * Usage: {@code ParentWatchdog <parent-pid> <main-class> [args...]}. Depends on nothing but the JDK,
 * because it runs on the child's class path.
 */
public final class ParentWatchdog {

    private ParentWatchdog() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: ParentWatchdog <parent-pid> <main-class> [args...]");
        }
        long parentPid = Long.parseLong(args[0]);
        ProcessHandle parent = ProcessHandle.of(parentPid).orElse(null);
        if (parent == null || !parent.isAlive()) {
            System.err.println("parent process " + parentPid + " is gone; not starting");
            System.exit(3);
        }
        parent.onExit().thenRun(() -> {
            System.err.println("parent process " + parentPid + " ended; stopping");
            System.exit(0);
        });
        Method main = Class.forName(args[1]).getMethod("main", String[].class);
        main.invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
    }
}
