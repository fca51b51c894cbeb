/** Events of the rulebook catalogue: each registered rulebook version, as data. */
package org.povertyledger.shared.rulebook.event;
