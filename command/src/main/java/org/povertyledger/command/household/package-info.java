/** The household register's command side: the {@code Household} aggregate and its command handlers. */
package org.povertyledger.command.household;
