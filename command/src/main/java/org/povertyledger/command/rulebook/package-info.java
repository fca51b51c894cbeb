/** The rulebook catalogue: every rulebook version as registered data, and the start-up load of the built-in ones. */
package org.povertyledger.command.rulebook;
