/** Value objects and policies of the integrator feed; each validates itself so that an invalid value cannot exist. */
package org.povertyledger.shared.feed.value;
