/** The administrative map's command side: the {@code AdministrativeMap} aggregate and its guards. */
package org.povertyledger.command.geography;
