package org.ntrklab.labstack;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Reads something until it satisfies a condition, as a user refreshing a page would; the last reading if never. */
final class Eventually {

    private Eventually() {
    }

    static <T> T get(Duration timeout, Supplier<T> read, Predicate<T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T value = read.get();
        while (!done.test(value) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return value;
            }
            value = read.get();
        }
        return value;
    }
}
