/** Commands of the household register and its poverty review. */
package org.povertyledger.shared.household.command;
