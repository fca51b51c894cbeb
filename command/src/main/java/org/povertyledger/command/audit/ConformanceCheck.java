package org.povertyledger.command.audit;

import java.time.LocalDate;
import java.time.MonthDay;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.povertyledger.shared.household.value.ReviewKind;
import org.povertyledger.shared.review.event.ReviewListPostedEvent;
import org.povertyledger.shared.review.event.ReviewRequestedEvent;
import org.povertyledger.shared.review.event.VillageMeetingHeldEvent;

/**
 * Checks one recorded decision against the review procedure of Decision 24/2021/QD-TTg, from the steps recorded
 * for its commune and year. A periodic review: surveyed within the review window (1 September - 14 December), a
 * meeting of the household's village before the decision with at least half of the attendees in favour, the list
 * posted publicly for at least the minimum number of days before the decision. An on-demand review: decided within
 * 15 days of the household's recorded request. Pure.
 */
final class ConformanceCheck {

    static final MonthDay WINDOW_OPENS = MonthDay.of(9, 1);
    static final MonthDay WINDOW_CLOSES = MonthDay.of(12, 14);
    static final int ON_DEMAND_DAYS = 15;

    /** A step passed, or missed with why. */
    enum Step { REVIEW_WINDOW, VILLAGE_MEETING, VILLAGE_VOTE, PUBLIC_POSTING, REQUEST_RECORDED, DECIDED_IN_TIME }

    /** Why a step was missed. */
    enum Miss { OUTSIDE_REVIEW_WINDOW, MISSING_MEETING, VOTE_BELOW_HALF, POSTING_TOO_SHORT, MISSING_REQUEST,
        DEADLINE_PASSED }

    record Missed(Miss miss, String detail) {
    }

    record Result(List<Step> passed, List<Missed> missed) {
    }

    /** What was recorded for one commune's review of a year. */
    record Steps(List<VillageMeetingHeldEvent> meetings, List<ReviewListPostedEvent> postings,
                 List<ReviewRequestedEvent> requests) {
    }

    private ConformanceCheck() {
    }

    static Result check(RecordedDecision decision, Steps steps, int minimumPostingDays) {
        List<Step> passed = new ArrayList<>();
        List<Missed> missed = new ArrayList<>();
        LocalDate decided = decision.effectiveDate();
        if (decision.reviewKind() == ReviewKind.ON_DEMAND) {
            Optional<ReviewRequestedEvent> request = steps.requests().stream()
                    .filter(r -> r.householdId().value().equals(decision.householdId()))
                    .filter(r -> !r.requestDate().isAfter(decided))
                    .max(Comparator.comparing(ReviewRequestedEvent::requestDate));
            if (request.isEmpty()) {
                missed.add(new Missed(Miss.MISSING_REQUEST, "no request of the household on or before " + decided));
            } else {
                passed.add(Step.REQUEST_RECORDED);
                long days = ChronoUnit.DAYS.between(request.get().requestDate(), decided);
                if (days > ON_DEMAND_DAYS) {
                    missed.add(new Missed(Miss.DEADLINE_PASSED, "decided " + days + " days after the request of "
                            + request.get().requestDate() + " (at most " + ON_DEMAND_DAYS + ")"));
                } else {
                    passed.add(Step.DECIDED_IN_TIME);
                }
            }
            return new Result(List.copyOf(passed), List.copyOf(missed));
        }
        LocalDate surveyed = decision.surveyDate();
        LocalDate opens = WINDOW_OPENS.atYear(decision.reviewYear());
        LocalDate closes = WINDOW_CLOSES.atYear(decision.reviewYear());
        if (surveyed == null || surveyed.isBefore(opens) || surveyed.isAfter(closes)) {
            missed.add(new Missed(Miss.OUTSIDE_REVIEW_WINDOW, "surveyed " + surveyed + ", outside " + opens + " - "
                    + closes));
        } else {
            passed.add(Step.REVIEW_WINDOW);
        }
        Optional<VillageMeetingHeldEvent> meeting = steps.meetings().stream()
                .filter(m -> m.village().equals(decision.village()))
                .filter(m -> !m.date().isAfter(decided))
                .max(Comparator.comparing(VillageMeetingHeldEvent::date));
        if (meeting.isEmpty()) {
            missed.add(new Missed(Miss.MISSING_MEETING, "no meeting of village " + decision.village()
                    + " on or before " + decided));
        } else {
            passed.add(Step.VILLAGE_MEETING);
            VillageMeetingHeldEvent held = meeting.get();
            if (held.inFavour() * 2L < held.attendees()) {
                missed.add(new Missed(Miss.VOTE_BELOW_HALF, held.inFavour() + " of " + held.attendees()
                        + " attendees in favour at the meeting of " + held.date() + " (" + held.minutesRef() + ")"));
            } else {
                passed.add(Step.VILLAGE_VOTE);
            }
        }
        long longest = steps.postings().stream()
                .filter(p -> !p.from().isAfter(decided))
                .mapToLong(p -> ChronoUnit.DAYS.between(p.from(), p.to()) + 1)
                .max().orElse(0);
        if (longest < minimumPostingDays) {
            missed.add(new Missed(Miss.POSTING_TOO_SHORT, longest == 0 ? "no public posting before " + decided
                    : "posted " + longest + " days, at least " + minimumPostingDays + " required"));
        } else {
            passed.add(Step.PUBLIC_POSTING);
        }
        return new Result(List.copyOf(passed), List.copyOf(missed));
    }
}
