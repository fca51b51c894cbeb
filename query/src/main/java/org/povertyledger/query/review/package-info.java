/** Reading a review period's sign-off straight from its stream in the ledger. */
package org.povertyledger.query.review;
