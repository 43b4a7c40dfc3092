package org.ntrklab.assaytracking.web;

import org.ntrklab.assaytracking.AssayTrackingTopology;
import org.ntrklab.assaytracking.tracking.AssayCase;
import org.ntrklab.platform.query.NotFound;
import org.ntrklab.platform.query.StateLookup;
import org.ntrklab.platform.query.StateQueries;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** State of every assay order of one accession, from whichever instance owns it. */
@RestController
class AssayCaseController {

    private final StateLookup<AssayCase> cases;

    AssayCaseController(StateQueries queries) {
        this.cases = queries.store(AssayTrackingTopology.CASES);
    }

    @GetMapping("/assays/accessions/{accessionId}")
    ResponseEntity<?> assayCase(@PathVariable String accessionId) {
        return ResponseEntity.ok(cases.byKey(accessionId)
                .orElseThrow(() -> new NotFound("assay-tracking has no state for accession " + accessionId)));
    }
}
