package org.povertyledger.query.feed.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.povertyledger.query.consistency.ReadsProjections;
import org.povertyledger.query.feed.webhook.WebhookSubscriptionProjection;
import org.povertyledger.query.feed.webhook.WebhookSubscriptionQueryHandler;
import org.povertyledger.shared.feed.query.DeadLetterList;
import org.povertyledger.shared.feed.query.FindDeadLettersQuery;
import org.povertyledger.shared.feed.query.FindWebhookSubscriptionQuery;
import org.povertyledger.shared.feed.query.FindWebhookSubscriptionsQuery;
import org.povertyledger.shared.feed.query.WebhookSubscriptionView;
import org.povertyledger.shared.feed.value.SubscriptionId;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Read API of webhook subscriptions and their dead-letter lists, and redelivery of dead letters. An integrator
 * sees its own subscriptions; an admin sees all.
 */
@RestController
@ReadsProjections(WebhookSubscriptionProjection.PROCESSING_GROUP)
@RequestMapping(path = "/api/feed/subscriptions", produces = MediaType.APPLICATION_JSON_VALUE)
public class WebhookSubscriptionQueryController {

    private final QueryGateway queries;
    private final WebhookSubscriptionQueryHandler handler;

    public WebhookSubscriptionQueryController(QueryGateway queries, WebhookSubscriptionQueryHandler handler) {
        this.queries = queries;
        this.handler = handler;
    }

    @GetMapping
    public List<WebhookSubscriptionView> list(HttpServletRequest request) {
        return await(queries.query(new FindWebhookSubscriptionsQuery(owner(request)),
                ResponseTypes.multipleInstancesOf(WebhookSubscriptionView.class)));
    }

    @GetMapping("/{subscriptionId}")
    public WebhookSubscriptionView one(@PathVariable String subscriptionId, HttpServletRequest request) {
        String id = new SubscriptionId(subscriptionId).value();
        Optional<WebhookSubscriptionView> view = await(queries.query(new FindWebhookSubscriptionQuery(id,
                owner(request)), ResponseTypes.optionalInstanceOf(WebhookSubscriptionView.class)));
        return view.orElseThrow(() -> WebhookSubscriptionQueryHandler.notFound(id));
    }

    @GetMapping("/{subscriptionId}/dead-letters")
    public DeadLetterList deadLetters(@PathVariable String subscriptionId, HttpServletRequest request) {
        String id = new SubscriptionId(subscriptionId).value();
        Optional<DeadLetterList> list = await(queries.query(new FindDeadLettersQuery(id, owner(request)),
                ResponseTypes.optionalInstanceOf(DeadLetterList.class)));
        return list.orElseThrow(() -> WebhookSubscriptionQueryHandler.notFound(id));
    }

    /** Redelivers one dead letter; 202, since the dispatcher delivers it (with retries) shortly after. */
    @PostMapping("/{subscriptionId}/dead-letters/{position}/redeliver")
    public ResponseEntity<Map<String, Object>> redeliver(@PathVariable String subscriptionId,
                                                         @PathVariable long position, HttpServletRequest request) {
        String id = new SubscriptionId(subscriptionId).value();
        return accepted(id, handler.requestRedelivery(id, owner(request), position));
    }

    /** Redelivers every dead letter of the subscription. */
    @PostMapping("/{subscriptionId}/dead-letters/redeliver")
    public ResponseEntity<Map<String, Object>> redeliverAll(@PathVariable String subscriptionId,
                                                            HttpServletRequest request) {
        String id = new SubscriptionId(subscriptionId).value();
        return accepted(id, handler.requestRedelivery(id, owner(request), null));
    }

    private static ResponseEntity<Map<String, Object>> accepted(String id, List<Long> positions) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subscriptionId", id);
        body.put("redeliveryRequested", positions);
        return ResponseEntity.accepted().body(body);
    }

    /** The asking user, or {@code null} for an admin, who may see every owner's subscriptions. */
    private static String owner(HttpServletRequest request) {
        if (request.isUserInRole("ADMIN")) {
            return null;
        }
        return request.getUserPrincipal() == null ? "" : request.getUserPrincipal().getName();
    }

    private static <R> R await(CompletableFuture<R> answer) {
        try {
            return answer.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
