/** Value objects of the administrative geography; each validates itself. */
package org.povertyledger.shared.geography.value;
