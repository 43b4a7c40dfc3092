package org.ntrklab.deadletters;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A record's place in a topic as operators write it: {@code partition@offset}, e.g. {@code 3@1022}. */
record PartitionOffset(int partition, long offset) {

    static PartitionOffset parse(String text) {
        int at = text.indexOf('@');
        try {
            PartitionOffset position = new PartitionOffset(Integer.parseInt(text.substring(0, Math.max(at, 0)).trim()),
                    Long.parseLong(text.substring(at + 1).trim()));
            if (at > 0 && position.partition >= 0 && position.offset >= 0) {
                return position;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new TypeConversionException("'" + text + "' is not PARTITION@OFFSET, e.g. 3@1022");
    }

    @Override
    public String toString() {
        return partition + "@" + offset;
    }

    /** Lets picocli report a malformed position as a usage error. */
    static final class Converter implements ITypeConverter<PartitionOffset> {
        @Override
        public PartitionOffset convert(String value) {
            return parse(value);
        }
    }
}
