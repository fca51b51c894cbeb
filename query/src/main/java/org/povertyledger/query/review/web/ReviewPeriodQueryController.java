package org.povertyledger.query.review.web;

import org.povertyledger.query.consistency.ReadsLedger;
import org.povertyledger.query.review.ReviewPeriodReader;
import org.povertyledger.shared.review.query.ReviewPeriodView;
import org.povertyledger.shared.review.value.ReviewPeriodId;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/communes/{code}/reviews/{year}}: where a commune's review of a year stands in its sign-off. */
@RestController
class ReviewPeriodQueryController {

    private final ReviewPeriodReader reader;

    ReviewPeriodQueryController(ReviewPeriodReader reader) {
        this.reader = reader;
    }

    @ReadsLedger
    @GetMapping(path = "/api/communes/{communeCode}/reviews/{year}", produces = MediaType.APPLICATION_JSON_VALUE)
    ReviewPeriodView period(@PathVariable String communeCode, @PathVariable int year) {
        return reader.read(ReviewPeriodId.of(communeCode, year));
    }
}
