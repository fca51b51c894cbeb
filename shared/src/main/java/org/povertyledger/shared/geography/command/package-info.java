/**
 * Commands of the administrative geography. All target the one administrative map of the deployment (see
 * {@link org.povertyledger.shared.geography.command.AdministrativeMapId}), whose guards need the whole map.
 */
package org.povertyledger.shared.geography.command;
