/** Events of the administrative geography; every one carries the date it holds from. */
package org.povertyledger.shared.geography.event;
