package org.ntrklab.simulator.lab;

import java.util.List;
import java.util.Random;
import java.util.function.ToDoubleFunction;

/**
 * The random draws of the simulation, each stream seeded from a few keys: the same keys always give the same
 * stream, so a case, a run or a sign-out can be recreated without keeping any state.
 */
final class Draws {

    private final Random random;

    private Draws(Random random) {
        this.random = random;
    }

    /** A stream for the given keys (e.g. bench seed, assay, attempt). */
    static Draws of(long... keys) {
        return new Draws(new Random(mix(keys)));
    }

    static Draws over(Random random) {
        return new Draws(random);
    }

    /**
     * SplitMix64 over the keys: neighbouring keys (case 41, case 42) give unrelated seeds, which
     * {@link Random}'s own seed scrambling does not guarantee for its first draws.
     */
    static long mix(long... keys) {
        long h = 0x9E3779B97F4A7C15L;
        for (long key : keys) {
            h += key + 0x9E3779B97F4A7C15L;
            h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
            h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
            h = h ^ (h >>> 31);
        }
        return h;
    }

    Random random() {
        return random;
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    double uniform(double from, double to) {
        return from + (to - from) * random.nextDouble();
    }

    int uniformInt(int from, int toInclusive) {
        return from + random.nextInt(toInclusive - from + 1);
    }

    double normal(double mean, double sd) {
        return mean + sd * random.nextGaussian();
    }

    /**
     * Log-normal around a median: yields and read counts are skewed to the right. StrictMath, like
     * {@link Random#nextGaussian}, so that a seed gives the same case on every JVM.
     */
    double logNormal(double median, double sigma) {
        return median * StrictMath.exp(sigma * random.nextGaussian());
    }

    /** Log-uniform between two positive bounds: every order of magnitude equally likely. */
    double logUniform(double from, double to) {
        return from * StrictMath.exp(StrictMath.log(to / from) * random.nextDouble());
    }

    /** Weighted choice; weights need not sum to one. */
    <T> T pick(List<T> items, ToDoubleFunction<T> weight) {
        double total = 0;
        for (T item : items) {
            total += weight.applyAsDouble(item);
        }
        double point = random.nextDouble() * total;
        for (T item : items) {
            point -= weight.applyAsDouble(item);
            if (point < 0) {
                return item;
            }
        }
        return items.get(items.size() - 1);
    }

    static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }

    /** One decimal, as bench instruments print them. */
    static double round1(double value) {
        return Math.round(value * 10.0) / 10.0;
    }
}
