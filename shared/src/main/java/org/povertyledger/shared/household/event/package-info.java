/** Events of the household register; immutable facts, evolved only through revisions and upcasters. */
package org.povertyledger.shared.household.event;
