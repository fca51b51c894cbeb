package org.povertyledger.command.feed;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.povertyledger.shared.common.DomainException;
import org.povertyledger.shared.common.ErrorCode;
import org.povertyledger.shared.common.MetadataKeys;
import org.povertyledger.shared.feed.command.CreateWebhookSubscriptionCommand;
import org.povertyledger.shared.feed.command.DeleteWebhookSubscriptionCommand;
import org.povertyledger.shared.feed.command.DisableWebhookSubscriptionCommand;
import org.povertyledger.shared.feed.command.PauseWebhookSubscriptionCommand;
import org.povertyledger.shared.feed.command.ResumeWebhookSubscriptionCommand;
import org.povertyledger.shared.feed.event.WebhookSubscriptionCreatedEvent;
import org.povertyledger.shared.feed.event.WebhookSubscriptionDeletedEvent;
import org.povertyledger.shared.feed.event.WebhookSubscriptionDisabledEvent;
import org.povertyledger.shared.feed.event.WebhookSubscriptionPausedEvent;
import org.povertyledger.shared.feed.event.WebhookSubscriptionResumedEvent;
import org.povertyledger.shared.feed.value.SubscriptionId;
import org.povertyledger.shared.feed.value.WebhookAddressRule;
import org.povertyledger.shared.feed.value.WebhookSecret;
import org.povertyledger.shared.feed.value.WebhookUrl;

class WebhookSubscriptionTest {

    private static final SubscriptionId ID = new SubscriptionId("sub_abcdefgh12345678");
    private static final WebhookUrl PUBLIC = new WebhookUrl("https://93.184.215.14/hooks");
    private static final WebhookSecret SECRET = WebhookSecret.generate();
    private static final Map<String, Object> OWNER = Map.of(MetadataKeys.ACTOR_ID, "integrator",
            MetadataKeys.ACTOR_ROLE, "INTEGRATOR");
    private static final Map<String, Object> STRANGER = Map.of(MetadataKeys.ACTOR_ID, "other",
            MetadataKeys.ACTOR_ROLE, "INTEGRATOR");
    private static final Map<String, Object> ADMIN = Map.of(MetadataKeys.ACTOR_ID, "admin",
            MetadataKeys.ACTOR_ROLE, "ADMIN");

    private AggregateTestFixture<WebhookSubscription> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(WebhookSubscription.class);
        fixture.registerInjectableResource(WebhookAddressRule.strict());
    }

    private static CreateWebhookSubscriptionCommand create(WebhookUrl url) {
        return new CreateWebhookSubscriptionCommand(ID, url, new TreeSet<>(List.of("household.assessed.v1")),
                new TreeSet<>(List.of("24541")), SECRET, 0, false);
    }

    private static WebhookSubscriptionCreatedEvent created() {
        return new WebhookSubscriptionCreatedEvent(ID, PUBLIC, new TreeSet<>(List.of("household.assessed.v1")),
                new TreeSet<>(List.of("24541")), SECRET, 0, false, "integrator");
    }

    private static Matcher<DomainException> code(ErrorCode expected) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(DomainException e) {
                return e.code() == expected;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a refusal with code " + expected);
            }
        };
    }

    @Test
    void createsASubscriptionOwnedByTheActor() {
        fixture.givenNoPriorActivity().when(create(PUBLIC), OWNER).expectEvents(created());
    }

    @Test
    void refusesAUrlOnALoopbackAddress() {
        fixture.givenNoPriorActivity().when(create(new WebhookUrl("http://127.0.0.1:8080/h")), OWNER)
                .expectNoEvents()
                .expectException(code(ErrorCode.WEBHOOK_URL_NOT_PERMITTED));
    }

    @Test
    void permitsALoopbackUrlWhenTheAllowListHasIt() {
        AggregateTestFixture<WebhookSubscription> allowing = new AggregateTestFixture<>(WebhookSubscription.class);
        allowing.registerInjectableResource(new WebhookAddressRule(List.of("127.0.0.0/8")));
        allowing.givenNoPriorActivity().when(create(new WebhookUrl("http://127.0.0.1:8080/h")), OWNER)
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void refusesASecondCreationWithTheSameId() {
        fixture.given(created()).when(create(PUBLIC), OWNER)
                .expectException(code(ErrorCode.WEBHOOK_SUBSCRIPTION_STATE));
    }

    @Test
    void pausesAndResumesForItsOwner() {
        fixture.given(created()).when(new PauseWebhookSubscriptionCommand(ID, "maintenance"), OWNER)
                .expectEvents(new WebhookSubscriptionPausedEvent(ID, "maintenance"));
        fixture.given(created(), new WebhookSubscriptionPausedEvent(ID, null))
                .when(new ResumeWebhookSubscriptionCommand(ID), OWNER)
                .expectEvents(new WebhookSubscriptionResumedEvent(ID));
    }

    @Test
    void refusesToPauseAPausedSubscription() {
        fixture.given(created(), new WebhookSubscriptionPausedEvent(ID, null))
                .when(new PauseWebhookSubscriptionCommand(ID, null), OWNER)
                .expectException(code(ErrorCode.WEBHOOK_SUBSCRIPTION_STATE));
    }

    @Test
    void refusesToResumeAnActiveSubscription() {
        fixture.given(created()).when(new ResumeWebhookSubscriptionCommand(ID), OWNER)
                .expectException(code(ErrorCode.WEBHOOK_SUBSCRIPTION_STATE));
    }

    @Test
    void isNotFoundForAnotherIntegratorButAnAdminMayChangeIt() {
        fixture.given(created()).when(new PauseWebhookSubscriptionCommand(ID, null), STRANGER)
                .expectException(code(ErrorCode.WEBHOOK_SUBSCRIPTION_NOT_FOUND));
        fixture.given(created()).when(new DeleteWebhookSubscriptionCommand(ID), ADMIN)
                .expectEvents(new WebhookSubscriptionDeletedEvent(ID));
    }

    @Test
    void isNotFoundWhenItNeverExisted() {
        fixture.givenNoPriorActivity().when(new ResumeWebhookSubscriptionCommand(ID), OWNER)
                .expectNoEvents()
                .expectException(code(ErrorCode.WEBHOOK_SUBSCRIPTION_NOT_FOUND));
    }

    @Test
    void isNotFoundOnceDeleted() {
        fixture.given(created(), new WebhookSubscriptionDeletedEvent(ID))
                .when(new DeleteWebhookSubscriptionCommand(ID), OWNER)
                .expectException(code(ErrorCode.WEBHOOK_SUBSCRIPTION_NOT_FOUND));
    }

    @Test
    void isDisabledOnceAndAnOwnerMayResumeIt() {
        fixture.given(created()).when(new DisableWebhookSubscriptionCommand(ID, "receiver answered 410 Gone", 7))
                .expectEvents(new WebhookSubscriptionDisabledEvent(ID, "receiver answered 410 Gone", 7));
        fixture.given(created(), new WebhookSubscriptionDisabledEvent(ID, "gone", 7))
                .when(new DisableWebhookSubscriptionCommand(ID, "gone again", 8))
                .expectSuccessfulHandlerExecution().expectNoEvents();
        fixture.given(created(), new WebhookSubscriptionDisabledEvent(ID, "gone", 7))
                .when(new ResumeWebhookSubscriptionCommand(ID), OWNER)
                .expectEvents(new WebhookSubscriptionResumedEvent(ID));
    }
}
