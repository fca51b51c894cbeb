/** Value objects of household benefits. */
package org.povertyledger.shared.benefit.value;
