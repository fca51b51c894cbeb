/**
 * Who may see what: the administrative units a user's requests are confined to, resolved per request, and the
 * port through which the HTTP adapters of both sides ask for it.
 */
package org.povertyledger.shared.access;
