/** Events of household benefits. */
package org.povertyledger.shared.benefit.event;
