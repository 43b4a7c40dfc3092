package org.ntrklab.deadletters;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ntrklab.platform.deadletter.DeadLetterHeaders;
import org.ntrklab.platform.events.OutsideText;

/**
 * One record of a dead-letter topic, read through its {@link DeadLetterHeaders}. Header values are shown
 * with control characters replaced: anyone who can write to a topic can put anything in them.
 */
record DeadLetter(ConsumerRecord<byte[], byte[]> record) {

    /** Shown for a header the record does not have (older dead letters have no reason). */
    static final String NONE = "-";

    /** Its place in the dead-letter topic, as {@code redrive --offsets} takes it. */
    PartitionOffset position() {
        return new PartitionOffset(record.partition(), record.offset());
    }

    /** Its full address, {@code topic-partition@offset}, as the {@code ntrk.dlt.redriven-from} header gives it. */
    String address() {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    String reason() {
        return shown(DeadLetterHeaders.REASON);
    }

    String service() {
        return shown(DeadLetterHeaders.SERVICE);
    }

    String stage() {
        return shown(DeadLetterHeaders.STAGE);
    }

    String failedAt() {
        return shown(DeadLetterHeaders.FAILED_AT);
    }

    /** The topic the record was read from, or null when the header is missing. */
    String originTopic() {
        return DeadLetterHeaders.get(record.headers(), DeadLetterHeaders.ORIGIN_TOPIC);
    }

    /** The partition the record was read from, or -1 when unknown. */
    int originPartition() {
        try {
            return Integer.parseInt(String.valueOf(DeadLetterHeaders.get(record.headers(),
                    DeadLetterHeaders.ORIGIN_PARTITION)));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Where the record came from, {@code topic-partition@offset}. */
    String origin() {
        String topic = originTopic();
        return topic == null ? NONE : clean(topic) + "-" + shown(DeadLetterHeaders.ORIGIN_PARTITION) + "@"
                + shown(DeadLetterHeaders.ORIGIN_OFFSET);
    }

    /** The record key quoted, bounded and with control characters replaced. */
    String key() {
        return OutsideText.quote(record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8));
    }

    /** Size of the value in bytes, -1 for a record without a value. */
    int valueSize() {
        return record.value() == null ? -1 : record.value().length;
    }

    String shown(String header) {
        String value = DeadLetterHeaders.get(record.headers(), header);
        return value == null || value.isEmpty() ? NONE : clean(value);
    }

    /** "1 dead letter", "2 dead letters". */
    static String count(long n) {
        return n + (n == 1 ? " dead letter" : " dead letters");
    }

    static String clean(String text) {
        return text.replaceAll("\\p{Cntrl}", "?");
    }
}
