package org.ntrklab.assaytracking.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.ntrklab.assaytracking.AssayTrackingTopology;
import org.ntrklab.assaytracking.tracking.AssayCase;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.ntrklab.platform.query.StateQueries;

/** State of every assay order of one accession, from whichever instance owns it. */
@RestController
class AssayCaseController {

    private final StateQueries queries;

    AssayCaseController(StateQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/assays/accessions/{accessionId}")
    ResponseEntity<?> assayCase(@PathVariable String accessionId, HttpServletRequest request,
            @RequestHeader(name = StateQueries.FORWARDED_HEADER, required = false) String forwarded) {
        return queries.<AssayCase, AssayCase>byKey(AssayTrackingTopology.CASES, accessionId, request.getRequestURI(),
                forwarded != null, Optional::of, "assay-tracking has no state for accession " + accessionId);
    }
}
