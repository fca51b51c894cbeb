/** Commands recording household benefits. */
package org.povertyledger.shared.benefit.command;
