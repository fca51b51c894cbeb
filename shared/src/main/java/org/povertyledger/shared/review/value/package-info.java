/** Review periods: value types. */
package org.povertyledger.shared.review.value;
