package org.ntrklab.accessioning.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Lab accession numbers such as NT26-03-000123: prefix, year of receipt, partition, sequence. */
class AccessionNumbersTest {

    private static final Instant RECEIVED_2026 = Instant.parse("2026-03-02T08:00:00Z");

    private final AccessionNumbers numbers = new AccessionNumbers("NT");

    @Test
    void aNumberIsPrefixTwoDigitYearPartitionAndSixDigitSequence() {
        assertThat(numbers.format(RECEIVED_2026, 3, 123)).isEqualTo("NT26-03-000123");
    }

    @Test
    void theYearIsTheUtcYearOfReceipt() {
        assertThat(numbers.format(Instant.parse("2025-12-31T23:59:59Z"), 0, 1)).isEqualTo("NT25-00-000001");
        assertThat(numbers.format(Instant.parse("2026-01-01T00:00:00Z"), 0, 1)).isEqualTo("NT26-00-000001");
        assertThat(numbers.format(Instant.parse("2100-06-01T00:00:00Z"), 0, 1)).isEqualTo("NT00-00-000001");
    }

    @Test
    void theSequenceOutgrowsSixDigitsRatherThanWrapping() {
        assertThat(numbers.format(RECEIVED_2026, 12, 1_234_567)).isEqualTo("NT26-12-1234567");
    }

    @ParameterizedTest(name = "partition {0}, sequence {1}")
    @CsvSource({"0, 1", "3, 123", "9, 999999", "10, 1000000", "99, 42", "100, 42", "255, 7"})
    void thePartitionReadsBackFromEveryNumberWeFormat(int partition, long sequence) {
        String accessionId = numbers.format(RECEIVED_2026, partition, sequence);

        assertThat(AccessionNumbers.partitionOf(accessionId)).hasValue(partition);
    }

    @Test
    void anotherLabsPrefixOfUpToEightLettersStillNamesAPartition() {
        assertThat(AccessionNumbers.partitionOf("NTRKLABS26-05-000001")).hasValue(5);
        assertThat(AccessionNumbers.partitionOf("Q26-05-000001")).hasValue(5);
    }

    @ParameterizedTest(name = "''{0}'' is not one of ours")
    @NullAndEmptySource
    @ValueSource(strings = {
        "ABC",
        "NT26-3-000001", // format always writes at least two partition digits
        "NT26-03-00001",
        "NT2026-03-000001",
        "nt26-03-000001",
        "NTRKLABXY26-03-000001",
        "26-03-000001",
        "NT26-03-000001 ",
        "NT26_03_000001",
        "NT26-99999999999-000001" // no int partition
    })
    void foreignIdsHaveNoPartition(String accessionId) {
        assertThat(AccessionNumbers.partitionOf(accessionId)).isEqualTo(OptionalInt.empty());
    }

    @ParameterizedTest(name = "prefix ''{0}'' accepted")
    @ValueSource(strings = {"N", "NT", "NTRKLABS"})
    void aPrefixIsOneToEightCapitalLetters(String prefix) {
        assertThat(new AccessionNumbers(prefix).format(RECEIVED_2026, 1, 1)).isEqualTo(prefix + "26-01-000001");
    }

    @ParameterizedTest(name = "prefix ''{0}'' refused")
    @NullAndEmptySource
    @ValueSource(strings = {"nt", "Nt", "NTRKLABXY", "NT1", "26", "N-T", " NT", "NÜ"})
    void otherPrefixesAreRefused(String prefix) {
        assertThatIllegalArgumentException().isThrownBy(() -> new AccessionNumbers(prefix))
                .withMessageContaining("1 to 8 capital letters");
    }
}
