package org.ntrklab.accessioning.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.OptionalInt;
import org.ntrklab.accessioning.AccessioningTopology;
import org.ntrklab.accessioning.ledger.AccessionNumbers;
import org.ntrklab.accessioning.ledger.LedgerEntry;
import org.ntrklab.platform.query.StateQueries;
import org.ntrklab.platform.spring.NtrkProperties;
import org.ntrklab.platform.topics.Topics;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Current state of one accession (by accession number) or one specimen (by the LIMS's specimen id),
 * answered from Kafka Streams state on whichever instance owns it.
 */
@RestController
class AccessionController {

    private final StateQueries queries;
    private final Topics topics;
    private final String ledgerTopic;

    AccessionController(StateQueries queries, Topics topics, NtrkProperties properties) {
        this.queries = queries;
        this.topics = topics;
        this.ledgerTopic = AccessioningTopology.specimensByIdTopic(properties.serviceName());
    }

    @GetMapping("/accessions/{accessionId}")
    ResponseEntity<?> accession(@PathVariable String accessionId, HttpServletRequest request,
            @RequestHeader(name = StateQueries.FORWARDED_HEADER, required = false) String forwarded) {
        OptionalInt partition = AccessionNumbers.partitionOf(accessionId);
        String notFound = "no accession " + accessionId;
        if (partition.isEmpty() || partition.getAsInt() >= topics.partitions()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(new StateQueries.NotFound(notFound
                    + " (not an accession number of this lab, e.g. NT26-03-000123)"));
        }
        return queries.<LedgerEntry, AccessionView>byPartition(AccessioningTopology.INDEX,
                ledgerTopic, partition.getAsInt(), accessionId, request.getRequestURI(),
                forwarded != null, e -> Optional.of(AccessionView.of(e)), notFound);
    }

    @GetMapping("/specimens/{specimenId}")
    ResponseEntity<?> specimen(@PathVariable String specimenId, HttpServletRequest request,
            @RequestHeader(name = StateQueries.FORWARDED_HEADER, required = false) String forwarded) {
        return queries.<LedgerEntry, AccessionView>byKey(AccessioningTopology.LEDGER, specimenId,
                request.getRequestURI(), forwarded != null, e -> Optional.of(AccessionView.of(e)),
                "no specimen " + specimenId + " has been received");
    }
}
