/**
 * Value objects of the programme, its projects and sub-projects, and their funding; each validates itself so that
 * an invalid value cannot exist.
 */
package org.povertyledger.shared.programme.value;
