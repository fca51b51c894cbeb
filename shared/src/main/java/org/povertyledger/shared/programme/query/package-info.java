/** Queries of the programme read side and the views they answer with; every view names its log position. */
package org.povertyledger.shared.programme.query;
