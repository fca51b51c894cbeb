/** Review periods: query types. */
package org.povertyledger.shared.review.query;
