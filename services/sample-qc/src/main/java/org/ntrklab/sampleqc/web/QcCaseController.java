package org.ntrklab.sampleqc.web;

import org.ntrklab.platform.query.NotFound;
import org.ntrklab.platform.query.StateLookup;
import org.ntrklab.platform.query.StateQueries;
import org.ntrklab.sampleqc.SampleQcTopology;
import org.ntrklab.sampleqc.evaluation.QcCase;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Current QC state of one accession, answered from whichever instance owns it. */
@RestController
class QcCaseController {

    private final StateLookup<QcCase> cases;

    QcCaseController(StateQueries queries) {
        this.cases = queries.store(SampleQcTopology.CASES);
    }

    @GetMapping("/qc/accessions/{accessionId}")
    ResponseEntity<?> qcCase(@PathVariable String accessionId) {
        return ResponseEntity.ok(cases.byKey(accessionId).map(QcCaseView::of)
                .orElseThrow(() -> new NotFound("sample-qc has no state for accession " + accessionId)));
    }
}
