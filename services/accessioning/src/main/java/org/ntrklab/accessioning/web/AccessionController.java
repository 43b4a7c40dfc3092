package org.ntrklab.accessioning.web;

import java.util.OptionalInt;
import org.ntrklab.accessioning.AccessioningTopology;
import org.ntrklab.accessioning.ledger.AccessionNumbers;
import org.ntrklab.accessioning.ledger.LedgerEntry;
import org.ntrklab.platform.query.NotFound;
import org.ntrklab.platform.query.StateLookup;
import org.ntrklab.platform.query.StateQueries;
import org.ntrklab.platform.spring.NtrkProperties;
import org.ntrklab.platform.topics.Topics;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Current state of one accession (by accession number) or one specimen (by the LIMS's specimen id),
 * answered from Kafka Streams state on whichever instance owns it.
 */
@RestController
class AccessionController {

    private final StateLookup<LedgerEntry> index;
    private final StateLookup<LedgerEntry> ledger;
    private final int partitions;

    AccessionController(StateQueries queries, Topics topics, NtrkProperties properties) {
        // An accession number names its partition of the ledger's source topic.
        this.index = queries.store(AccessioningTopology.INDEX,
                AccessioningTopology.specimensByIdTopic(properties.serviceName()));
        this.ledger = queries.store(AccessioningTopology.LEDGER);
        this.partitions = topics.partitions();
    }

    @GetMapping("/accessions/{accessionId}")
    ResponseEntity<?> accession(@PathVariable String accessionId) {
        OptionalInt partition = AccessionNumbers.partitionOf(accessionId);
        if (partition.isEmpty() || partition.getAsInt() >= partitions) {
            throw new NotFound("no accession " + accessionId
                    + " (not an accession number of this lab, e.g. NT26-03-000123)");
        }
        return ResponseEntity.ok(index.byPartition(partition.getAsInt(), accessionId).map(AccessionView::of)
                .orElseThrow(() -> new NotFound("no accession " + accessionId)));
    }

    @GetMapping("/specimens/{specimenId}")
    ResponseEntity<?> specimen(@PathVariable String specimenId) {
        return ResponseEntity.ok(ledger.byKey(specimenId).map(AccessionView::of)
                .orElseThrow(() -> new NotFound("no specimen " + specimenId + " has been received")));
    }
}
