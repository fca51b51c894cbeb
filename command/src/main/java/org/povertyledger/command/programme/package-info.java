/**
 * The programme's command side: the {@code Programme} aggregate (structure, managing agencies, output plans and
 * outputs), the {@code Allocation} aggregate (funds of one sub-project, year, source and unit, and their
 * disbursements), the lookups other aggregates use to check references, and the Decision 90/QD-TTg reference
 * loader.
 */
package org.povertyledger.command.programme;
