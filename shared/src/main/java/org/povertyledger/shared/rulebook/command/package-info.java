/** Commands of the rulebook catalogue. */
package org.povertyledger.shared.rulebook.command;
