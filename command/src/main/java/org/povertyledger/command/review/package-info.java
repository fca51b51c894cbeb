/** A commune's review procedure of a year: the steps Decision 24/2021/QD-TTg requires, as recorded facts. */
package org.povertyledger.command.review;
