/** The poverty rulebook: pure, versioned classification policies chosen by review year. */
package org.povertyledger.shared.rulebook;
