package org.ntrklab.platform.events;

/** Checks of record keys on the topics our services write, which are all keyed by accession number. */
public final class RecordKeys {

    private RecordKeys() {
    }

    /**
     * @throws IllegalArgumentException when the key is not the envelope's accession number: state is kept by
     *     key, so such a record would be filed under another case (the record is dead-lettered)
     */
    public static String requireAccession(String key, String accessionId, String topic) {
        if (accessionId == null || !accessionId.equals(key)) {
            throw new IllegalArgumentException(topic + " record keyed '" + key + "' carries accession " + accessionId
                    + "; the topic must be keyed by accession number");
        }
        return key;
    }
}
