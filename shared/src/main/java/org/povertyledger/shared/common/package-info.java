/** Building blocks every subdomain uses: error codes, domain exceptions, guards, money, metadata keys. */
package org.povertyledger.shared.common;
