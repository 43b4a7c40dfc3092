package org.ntrklab.reflex.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.ntrklab.platform.query.StateQueries;
import org.ntrklab.reflex.ReflexTopology;
import org.ntrklab.reflex.plan.ReflexCase;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Test-selection state of one accession (orders, pending intents, QC verdicts), from whichever instance owns it. */
@RestController
class ReflexCaseController {

    private final StateQueries queries;

    ReflexCaseController(StateQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/reflex/accessions/{accessionId}")
    ResponseEntity<?> reflexCase(@PathVariable String accessionId, HttpServletRequest request,
            @RequestHeader(name = StateQueries.FORWARDED_HEADER, required = false) String forwarded) {
        return queries.<ReflexCase, ReflexCase>byKey(ReflexTopology.CASES, accessionId, request.getRequestURI(),
                forwarded != null, Optional::of, "reflex has no state for accession " + accessionId);
    }
}
