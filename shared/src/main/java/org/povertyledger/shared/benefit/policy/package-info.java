/** The benefit eligibility rules: pure functions of a household's status history. */
package org.povertyledger.shared.benefit.policy;
