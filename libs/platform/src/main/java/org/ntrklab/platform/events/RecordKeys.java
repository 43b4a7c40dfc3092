package org.ntrklab.platform.events;

import org.ntrklab.platform.limits.FieldKind;

/** Checks of record keys on the topics our services write, which are all keyed by accession number. */
public final class RecordKeys {

    private RecordKeys() {
    }

    /**
     * Whether a record key can name a case in a rejection event: present, not blank, and within the limits
     * of an identifier. A record whose key cannot, and that has no value to name it by, is dead-lettered.
     */
    public static boolean nameable(String key) {
        return key != null && !key.isBlank() && FieldKind.IDENTIFIER.fits(key);
    }

    /**
     * @throws IllegalArgumentException when the key is not the envelope's accession number: state is kept by
     *     key, so such a record would be filed under another case (the record is dead-lettered)
     */
    public static String requireAccession(String key, String accessionId, String topic) {
        if (accessionId == null || !accessionId.equals(key)) {
            throw new IllegalArgumentException(topic + " record keyed " + OutsideText.quote(key) + " carries accession "
                    + OutsideText.quote(accessionId) + "; the topic must be keyed by accession number");
        }
        return key;
    }
}
