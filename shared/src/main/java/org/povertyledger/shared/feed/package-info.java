/**
 * The integrator feed's published contract: the catalogue of external event types and the messages of webhook
 * subscriptions (themselves kept as events).
 */
package org.povertyledger.shared.feed;
