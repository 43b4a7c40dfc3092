package org.ntrklab.sampleqc.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.ntrklab.platform.query.StateQueries;
import org.ntrklab.sampleqc.SampleQcTopology;
import org.ntrklab.sampleqc.evaluation.QcCase;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Current QC state of one accession, answered from whichever instance owns it. */
@RestController
class QcCaseController {

    private final StateQueries queries;

    QcCaseController(StateQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/qc/accessions/{accessionId}")
    ResponseEntity<?> qcCase(@PathVariable String accessionId, HttpServletRequest request,
            @RequestHeader(name = StateQueries.FORWARDED_HEADER, required = false) String forwarded) {
        return queries.<QcCase, QcCaseView>byKey(SampleQcTopology.CASES, accessionId, request.getRequestURI(),
                forwarded != null, c -> Optional.of(QcCaseView.of(c)),
                "sample-qc has no state for accession " + accessionId);
    }
}
