package org.ntrklab.accessioning.ledger;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lab accession numbers, e.g. {@code NT26-03-000123}: prefix, two-digit year of receipt, the partition of
 * the specimen topic that accessioned it, and a sequence number kept per partition. A partition is owned
 * by exactly one instance at a time and its sequence lives in that partition's state (restored with it
 * after a fail-over), so numbers are unique across partitions and instances without coordination. The
 * partition in the number also tells any instance where the accession's state lives. The sequence does
 * not restart each year; the year is for people reading the number.
 */
public final class AccessionNumbers {

    private static final Pattern PREFIX = Pattern.compile("[A-Z]{1,8}");
    private static final Pattern NUMBER = Pattern.compile("([A-Z]{1,8})(\\d{2})-(\\d{2,})-(\\d{6,})");

    private final String prefix;

    public AccessionNumbers(String prefix) {
        if (prefix == null || !PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("accession prefix must be 1 to 8 capital letters, got '" + prefix + "'");
        }
        this.prefix = prefix;
    }

    public String format(Instant receivedAt, int partition, long sequence) {
        if (partition < 0 || sequence < 1) {
            throw new IllegalArgumentException("partition must be >= 0 and sequence >= 1, got " + partition + " and "
                    + sequence);
        }
        int yy = receivedAt.atOffset(ZoneOffset.UTC).getYear() % 100;
        return String.format("%s%02d-%02d-%06d", prefix, yy, partition, sequence);
    }

    /** The specimen-topic partition encoded in an accession number, or empty if it is not one of ours. */
    public static OptionalInt partitionOf(String accessionId) {
        if (accessionId == null) {
            return OptionalInt.empty();
        }
        Matcher m = NUMBER.matcher(accessionId);
        if (!m.matches()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(m.group(3)));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
