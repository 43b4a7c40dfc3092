package org.ntrklab.reflex.web;

import org.ntrklab.platform.query.NotFound;
import org.ntrklab.platform.query.StateLookup;
import org.ntrklab.platform.query.StateQueries;
import org.ntrklab.reflex.ReflexTopology;
import org.ntrklab.reflex.plan.ReflexCase;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Test-selection state of one accession (orders, pending intents, QC verdicts), from whichever instance owns it. */
@RestController
class ReflexCaseController {

    private final StateLookup<ReflexCase> cases;

    ReflexCaseController(StateQueries queries) {
        this.cases = queries.store(ReflexTopology.CASES);
    }

    @GetMapping("/reflex/accessions/{accessionId}")
    ResponseEntity<?> reflexCase(@PathVariable String accessionId) {
        return ResponseEntity.ok(cases.byKey(accessionId)
                .orElseThrow(() -> new NotFound("reflex has no state for accession " + accessionId)));
    }
}
